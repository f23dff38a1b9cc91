import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/**
 * `local/no-import-cycle`: a module must not reach itself again through its relative value imports (type-only
 * imports vanish at build time and are ignored). Cycles make load order decide behaviour — a half-initialized
 * module seen through the loop — and hide which module owns a concept.
 */

const IMPORT_RE = /^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*['"](\.[^'"]+)['"]/gm
const cache = new Map()

function resolveFile(from, spec) {
  const base = resolve(dirname(from), spec)
  for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`])
    if (existsSync(c) && !c.endsWith('/')) {
      if (/\.(ts|tsx)$/.test(c)) return c
    }
  return null
}

/** Relative value imports of a file (an `import type` or an import of types only is skipped). */
function valueImports(file) {
  const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs
  if (mtimeMs === undefined) return []
  // Kept across files of one run (and an editor's session), re-read only when the file changed.
  const hit = cache.get(file)
  if (hit && hit.mtimeMs === mtimeMs) return hit.imports
  const imports = []
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(IMPORT_RE)) {
    if (m[2]) continue
    const names = m[3].replace(/^\{|\}$/g, '')
    if (
      m[3].startsWith('{') &&
      names.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))
    )
      continue
    const target = resolveFile(file, m[4])
    if (target) imports.push(target)
  }
  cache.set(file, { mtimeMs, imports })
  return imports
}

function findCycle(start) {
  const stack = [[start, [start]]]
  const seen = new Set()
  while (stack.length) {
    const [file, path] = stack.pop()
    for (const next of valueImports(file)) {
      if (next === start) return [...path, next]
      if (seen.has(next)) continue
      seen.add(next)
      stack.push([next, [...path, next]])
    }
  }
  return null
}

export default {
  meta: { type: 'problem', docs: { description: 'forbid import cycles through relative value imports' } },
  create(context) {
    return {
      Program(node) {
        const file = context.filename
        const cycle = findCycle(file)
        if (cycle) {
          const root = dirname(file)
          context.report({
            node,
            message: `import cycle: ${cycle.map((f) => f.replace(`${root}/`, '')).join(' → ')}`,
          })
        }
      },
    }
  },
}
