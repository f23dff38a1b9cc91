import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import { marked } from 'marked'
// The methodology ships inside the app build, so help works offline and in both shells without navigation.
import methodology from '../../../../docs/methodology.md?raw'
import { helpStore } from './help-store'
import './help.css'

/** GitHub-style heading ids, so `#setup-tags` works here as it does on the repository page. */
const slug = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

marked.use({
  renderer: {
    heading({ tokens, depth }) {
      const inner = this.parser.parseInline(tokens)
      return `<h${depth} id="${slug(inner)}">${inner}</h${depth}>\n`
    },
  },
})

/** The methodology, opened at a metric's section from any tooltip; Escape or × closes it. */
export function HelpDrawer() {
  const section = useSyncExternalStore(helpStore.subscribe, helpStore.get)
  // The document is the product's own, bundled at build time: rendering its HTML anchors is intended.
  const html = useMemo(() => marked.parse(methodology, { async: false }), [])
  const body = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!section || !body.current) return
    const target = body.current.querySelector(`[id="${CSS.escape(section)}"]`)
    target?.scrollIntoView({ block: 'start' })
  }, [section])
  if (!section) return null
  return (
    <aside
      className="help-drawer"
      role="dialog"
      aria-label="Methodology"
      data-testid="help-drawer"
      onKeyDown={(e) => e.key === 'Escape' && helpStore.close()}
    >
      <header>
        <strong>Methodology</strong>
        <span className="muted">§ {section}</span>
        <button type="button" aria-label="Close methodology" onClick={() => helpStore.close()} autoFocus>
          ×
        </button>
      </header>
      <div className="help-body" ref={body} dangerouslySetInnerHTML={{ __html: html }} />
    </aside>
  )
}
