/**
 * Runs `fn` once the window has painted what the current task changed: a snapshot batch counts as taken
 * (and the engine sends the next, see snapshot-pacer.ts) only after the frame that shows it. A hidden
 * window paints no frames; the engine then writes the batch off after its ack timeout. Outside a window
 * (plain Node: tests, benches) it runs on the next macrotask.
 */
export function afterNextPaint(fn: () => void): void {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame
  // The animation-frame callback runs before the paint; the timeout it sets runs after it.
  if (typeof raf === 'function') raf(() => setTimeout(fn, 0))
  else setTimeout(fn, 0)
}
