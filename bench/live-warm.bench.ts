/**
 * Seconds from Go live to every metric of a Binance BTC perp, against the local exchange emulator serving
 * recorded payloads (docs/emulator.md says which endpoint serves what). The live source runs exactly as the app
 * runs it (seed history, held live events, pollers, the later history); its events feed the scoring pipeline
 * the worker runs (scores and the liquidation map).
 * Prints, per metric, the seconds until it first became sufficient, or "n/a" with the scorer's own reason
 * after the window. The emulator serves its futures-metrics week shifted to end where the replay starts
 * (docs/emulator.md, "built: shifted"), so the history and the trades meet as they would on a venue.
 *
 * Then, in a fresh process (`seed`), the scoring worker's cost of seeding the 30-day liquidation map of a
 * 20-market watchlist: CPU time, RSS and the time until every market's map is full.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '../src/main/engine/emulator/emulator'
import { seedCostBench } from './live-warm-seed'
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

if (process.argv[2] === 'seed') await seedCostBench()
else {
  await main()
  // The seeding cost is measured in a process of its own, so the live run's memory is not in its RSS.
  spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), 'seed'], {
    stdio: 'inherit',
  })
}
