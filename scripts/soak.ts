/**
 * Soak run: LiveSource against the local emulator replaying the Binance recordings in a loop at high speed.
 * Prints heap and RSS over time and the growth after warm-up.
 *   npx tsx scripts/soak.ts [--minutes 20] [--speed 20] [--warmup-s 60] [--every-s 30]
 */
import { LiveSource } from '../src/main/engine/connectors/live-source'
import { startEmulator } from '../src/main/engine/emulator/emulator'

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : dflt
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`)
  return v
}
const minutes = arg('minutes', 20)
const speed = arg('speed', 20)
const warmupS = arg('warmup-s', 60)
const everyS = arg('every-s', 30)

const mb = (n: number) => (n / 1048576).toFixed(1)
const emu = await startEmulator({ port: 0, speed, loop: true })
const o = { restUrl: emu.restUrl, wsUrl: emu.wsUrl }
const source = new LiveSource({
  watchlist: [
    { venue: 'binanceusdm', symbols: ['BTC/USDT:USDT'] },
    { venue: 'binance', symbols: ['BTC/USDT'] },
  ],
  overrides: { binanceusdm: o, binance: o },
  backfill: false,
  watchdogMs: 10_000,
  pollMs: { openInterest: 5_000, longShort: 30_000 },
})
let events = 0
await source.start((batch) => {
  events += batch.length
})
const t0 = Date.now()
let warm: { heap: number; rss: number } | null = null
let maxAfter = { heap: 0, rss: 0 }
const samples: { t: number; heap: number }[] = []
console.log(`soak: ${minutes} min at ${speed}x, warm-up ${warmupS} s`)
console.log('t_s\theap_MB\trss_MB\tevents\tevents_per_s\tdropped_frames\tgaps')
let lastEvents = 0
let lastT = t0
while (Date.now() - t0 < minutes * 60_000) {
  await new Promise((r) => setTimeout(r, everyS * 1000))
  global.gc?.()
  const m = process.memoryUsage()
  const now = Date.now()
  const st = source.venueStatuses()
  const dropped = st.reduce((a, s) => a + s.counts.droppedFrames, 0)
  const gaps = st.reduce((a, s) => a + s.counts.gaps, 0)
  const rate = ((events - lastEvents) * 1000) / (now - lastT)
  lastEvents = events
  lastT = now
  const t = (now - t0) / 1000
  console.log(
    `${t.toFixed(0)}\t${mb(m.heapUsed)}\t${mb(m.rss)}\t${events}\t${rate.toFixed(0)}\t${dropped}\t${gaps}`,
  )
  samples.push({ t, heap: m.heapUsed })
  if (t >= warmupS && !warm) warm = { heap: m.heapUsed, rss: m.rss }
  else if (warm) maxAfter = { heap: Math.max(maxAfter.heap, m.heapUsed), rss: Math.max(maxAfter.rss, m.rss) }
}
await source.stop()
await emu.close()
if (warm && maxAfter.heap > 0) {
  console.log(
    `soak.heap_growth_after_warmup: ${(((maxAfter.heap - warm.heap) / warm.heap) * 100).toFixed(1)} %`,
  )
  console.log(`soak.rss_growth_after_warmup: ${(((maxAfter.rss - warm.rss) / warm.rss) * 100).toFixed(1)} %`)
} else console.log('soak: run shorter than warm-up + one sample; no growth figure')
// A one-off step while bounded buffers fill is not a leak; a leak keeps climbing. The second half shows which.
const half = samples.filter((x) => x.t >= (minutes * 60) / 2)
if (half.length >= 2) {
  const first = half[0]!.heap
  const peak = Math.max(...half.map((x) => x.heap))
  console.log(`soak.heap_growth_second_half: ${(((peak - first) / first) * 100).toFixed(1)} %`)
}
