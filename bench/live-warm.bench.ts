/**
 * Seconds from Go live to every metric of a Binance BTC perp, against the local exchange emulator serving
 * recorded payloads (docs/emulator.md says which endpoint serves what). The live source runs exactly as the app
 * runs it (seed history, held live events, pollers, the later history); its events feed the scoring pipeline
 * the worker runs (scores and the liquidation map).
 * Prints, per metric, the seconds until it first became sufficient, or "n/a" with the scorer's own reason
 * after the window. The emulator's recordings span different dates (WebSocket 2023-04-05, futures metrics
 * 2024-05-09..16, funding to 2023-12-31), so windowed metrics may mix them: the figures time the path, not
 * a market.
 */
import { startEmulator } from '../src/main/engine/emulator/emulator'
import { LiveSource } from '../src/main/engine/connectors/live-source'
import { bundledTiersLookup } from '../src/main/engine/scoring/tiers-lookup'
import { DEFAULT_PIPELINE_CONFIG, ScoringPipeline } from '../src/shared/scoring/scoring-pipeline'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const WINDOW_S = Number(process.env.LIVE_WARM_SECONDS ?? 60)

async function main(): Promise<void> {
  const emu = await startEmulator({ port: 0 })
  // The app's own pipeline (scoring state + liquidation map), as the scoring worker runs it.
  const pipeline = new ScoringPipeline({ config: DEFAULT_PIPELINE_CONFIG, tiersFor: bundledTiersLookup() })
  const source = new LiveSource({
    watchlist: [{ venue: 'binanceusdm', symbols: ['BTC/USDT:USDT'] }],
    overrides: { binanceusdm: { restUrl: emu.restUrl, wsUrl: emu.wsUrl } },
  })
  const firstSufficientS = new Map<string, number>()
  const t0 = Date.now()
  let events = 0
  await source.start((batch) => {
    events += batch.length
    pipeline.push(batch)
  })
  const startedS = (Date.now() - t0) / 1000
  let snap = pipeline.snapshot(KEY)
  while (Date.now() - t0 < WINDOW_S * 1000) {
    await new Promise((r) => setTimeout(r, 250))
    const current = pipeline.snapshot(KEY)
    if (!current) continue
    snap = current
    const nowS = (Date.now() - t0) / 1000
    for (const [id, m] of Object.entries(current.metrics))
      if (m.sufficient && !firstSufficientS.has(id)) firstSufficientS.set(id, nowS)
  }
  const backfill = source.venueStatuses()[0]?.backfill ?? []
  await source.stop()
  await emu.close()

  process.stdout.write(
    `live warm-up, ${KEY} via the emulator, ${WINDOW_S} s window, ${events} events, source started in ${startedS.toFixed(1)} s\n`,
  )
  const ids = Object.keys(snap?.metrics ?? {}).sort()
  let ready = 0
  for (const id of ids) {
    const s = firstSufficientS.get(id)
    if (s !== undefined) ready++
    const m = snap!.metrics[id]!
    process.stdout.write(
      `  ${id.padEnd(28)} ${s !== undefined ? `${s.toFixed(1).padStart(6)} s` : `   n/a   ${m.reason ?? ''}`}\n`,
    )
  }
  process.stdout.write(`  ${ready} of ${ids.length} metrics sufficient within ${WINDOW_S} s\n`)
  for (const t of backfill)
    process.stdout.write(
      `  backfill ${t.task}: ${Math.round(t.fraction * 100)} %${t.done ? ' done' : ''}${t.error ? ` refused: ${t.error}` : ''}\n`,
    )
}

await main()
