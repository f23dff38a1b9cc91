import type { RecordedFrame } from './recordings'

/** `btcusdt@depth@100ms` and `btcusdt@depth@0ms` are one recorded stream: the rate suffix is dropped. */
export function binanceStreamKey(stream: string): string {
  return stream.replace(/@(\d+ms|1s)$/, '')
}

/** Per-pass increments that keep times, trade ids and book update ids increasing when a recording loops. */
export function binanceLoopShift(
  frames: readonly RecordedFrame[],
): (frame: RecordedFrame, pass: number) => string {
  const firstLast = new Map<string, [Record<string, number>, Record<string, number>]>()
  for (const f of frames) {
    const d = JSON.parse(f.text) as Record<string, number>
    const key = binanceStreamKey(f.stream)
    const fl = firstLast.get(key)
    if (!fl) firstLast.set(key, [d, d])
    else fl[1] = d
  }
  const spanMs =
    Math.ceil((frames[frames.length - 1] as RecordedFrame).recvMs - (frames[0] as RecordedFrame).recvMs) + 1
  const deltas = new Map<string, Record<string, number>>()
  for (const [key, [first, last]] of firstLast) {
    const d: Record<string, number> = { E: spanMs, T: spanMs }
    if (typeof first.t === 'number') d.t = (last.t as number) - first.t + 1
    if (typeof first.pu === 'number') {
      const seq = (last.u as number) - first.pu
      Object.assign(d, { U: seq, u: seq, pu: seq })
    } else if (typeof first.u === 'number') {
      const seq = (last.u as number) - (first.U ?? first.u) + 1
      Object.assign(d, { U: seq, u: seq })
    }
    deltas.set(key, d)
  }
  return (frame, pass) => {
    const d = JSON.parse(frame.text) as Record<string, unknown>
    const delta = deltas.get(binanceStreamKey(frame.stream)) ?? {}
    for (const [field, inc] of Object.entries(delta)) {
      if (typeof d[field] === 'number') d[field] = (d[field] as number) + inc * pass
    }
    return JSON.stringify(d)
  }
}
