/** Faults the emulator can inject, as named on `radar emulate --fault`. */
export const FAULT_KINDS = [
  'drop',
  'stall',
  'mute',
  'malformed',
  'duplicate',
  'seqgap',
  '429',
  '500',
  'slow',
] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

export interface FaultSpec {
  kind: FaultKind
  /** REST faults: how many responses are affected (default 1). */
  count?: number
  /** 429: the Retry-After the emulator sends, seconds (default 1). */
  retryAfterSec?: number
  /** slow: added latency per response, ms (default 2000). */
  delayMs?: number
  /**
   * REST faults: only requests whose path starts with this (e.g. `/futures/data/` for Binance's history, or
   * `/v5/` for Bybit) take the fault, so one venue or one endpoint refuses while the rest answer.
   */
  pathPrefix?: string
}

export function parseFaultKind(s: string): FaultKind {
  if (!(FAULT_KINDS as readonly string[]).includes(s)) {
    throw new Error(`unknown fault "${s}" (one of ${FAULT_KINDS.join(', ')})`)
  }
  return s as FaultKind
}

/** Pending REST faults, consumed one response at a time. */
export class RestFaults {
  private pending: FaultSpec[] = []
  served429 = 0
  served500 = 0

  add(f: FaultSpec): void {
    for (let i = 0; i < (f.count ?? 1); i++) this.pending.push(f)
  }

  /** The fault to apply to the next response to `path`, if any. */
  next(path = ''): FaultSpec | null {
    const i = this.pending.findIndex((p) => p.pathPrefix === undefined || path.startsWith(p.pathPrefix))
    const f = i < 0 ? null : (this.pending.splice(i, 1)[0] ?? null)
    if (f?.kind === '429') this.served429++
    if (f?.kind === '500') this.served500++
    return f
  }
}
