/** Parsing of horizon ("1h", "30m", "3d") and move ("2%") options, shared by the CLI and the request schema. */

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

export function parseHorizonMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(text.trim())
  if (!m) throw new Error(`horizon "${text}" is not a duration like 30m, 1h, 4h or 3d`)
  const ms = Number(m[1]) * UNIT_MS[m[2]!]!
  if (!(ms >= 1000)) throw new Error(`horizon "${text}" is shorter than one second`)
  return Math.round(ms)
}

/** "5%" → 0.05. A bare number is refused: "2" could mean 2 % or 200 %. */
export function parseMovePct(text: string): number {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim())
  if (!m) throw new Error(`move "${text}" must be a percentage like 2% or 0.5%`)
  const f = Number(m[1]) / 100
  if (!(f > 0 && f < 1)) throw new Error(`move "${text}" must be above 0 % and below 100 %`)
  return f
}

/** "1h", "90m" → short labels for ids and tables. */
export function formatHorizon(ms: number): string {
  for (const [u, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${u}`
  }
  return `${Math.round(ms / 1000)}s`
}

export function formatPct(fraction: number): string {
  return `${Math.round(fraction * 10000) / 100}%`
}
