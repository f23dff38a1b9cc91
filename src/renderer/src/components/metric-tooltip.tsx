import { useId, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { metricInfo, methodologyAnchor, methodologyHref } from '../../../shared/scoring/metric-registry'
import type { ExplainedId } from '../../../shared/scoring/metric-registry'
import { helpStore } from '../help/help-store'
import '../market.css'

interface Props {
  /** Metric (or label) id, e.g. 'funding-apr'. */
  id: ExplainedId
  children: ReactNode
  /** Extra line, e.g. the reason a value is missing. */
  note?: string | null
  className?: string
}

interface Anchor {
  left: number
  top: number
}

/**
 * Wraps a number or header: on hover or keyboard focus it says what the metric is, its unit and window, and
 * links to its section of the methodology. Fixed positioning so scrolling tables never clip it.
 */
export function MetricTip({ id, children, note, className }: Props) {
  const [anchor, setAnchor] = useState<Anchor | null>(null)
  const ref = useRef<HTMLSpanElement>(null)
  const tipId = useId()
  const info = metricInfo(id)
  const open = (): void => {
    const r = ref.current?.getBoundingClientRect()
    if (!r) return
    const left = Math.min(Math.max(8, r.left), window.innerWidth - 300)
    const below = r.bottom + 6
    setAnchor({ left, top: below + 150 > window.innerHeight ? Math.max(8, r.top - 156) : below })
  }
  const close = (): void => setAnchor(null)
  return (
    <span
      ref={ref}
      className={`metric-tip ${className ?? ''}`}
      data-metric={id}
      aria-describedby={anchor ? tipId : undefined}
      onMouseEnter={open}
      onMouseLeave={close}
      onFocus={(e) => {
        // Keyboard focus opens it; a mouse click that leaves focus behind does not keep it open.
        if ((e.target as HTMLElement).matches(':focus-visible')) open()
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) close()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && anchor) {
          e.stopPropagation()
          close()
        }
      }}
    >
      {children}
      {anchor && (
        <span
          role="tooltip"
          id={tipId}
          className="metric-tip-popup"
          style={{ left: anchor.left, top: anchor.top }}
          data-testid="metric-tooltip"
        >
          <strong>{info.name}</strong>
          <span className="tip-what">{info.what}</span>
          <span className="tip-facts">
            Unit: {info.unit} · Window: {info.window}
          </span>
          {note && <span className="tip-note">{note}</span>}
          {/* Out of the tab order: a header or value is one tab stop, its link is for the pointer. */}
          <a
            tabIndex={-1}
            href={methodologyHref(id)}
            onClick={(e) => {
              e.preventDefault()
              helpStore.open(methodologyAnchor(id))
            }}
          >
            Methodology § {id}
          </a>
        </span>
      )}
    </span>
  )
}
