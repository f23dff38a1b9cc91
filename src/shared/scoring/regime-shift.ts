import type { MarketKey } from '../market-event'

/** A debounced change of a regime label, setup tag ('tag:<name>', 'on' / 'off') or composite level. */
export interface RegimeShift {
  key: MarketKey
  /** Label id as in MarketSnapshot.labels, or 'tag:<tag name>'. */
  kind: string
  from: string | null
  to: string | null
  /** Exchange time of the evaluation that confirmed the change. */
  atMs: number
  /** The value the label was read from, when it is a band on a number. */
  value: number | null
}

export interface ShiftQueue {
  pending: RegimeShift[]
  /** Shifts dropped because nobody drained the queue (kept so the loss is visible). */
  dropped: number
}

export function pushShift(q: ShiftQueue, cap: number, s: RegimeShift): void {
  q.pending.push(s)
  if (q.pending.length > cap) {
    q.pending.splice(0, q.pending.length - cap)
    q.dropped++
  }
}
