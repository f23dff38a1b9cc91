/**
 * Import throughput and memory: events/s and peak RSS while importing
 *  (a) the real files in ../shared/data (the 2026 BTC bars exports, a Binance WebSocket recording), and
 *  (b) a generated Tardis trades CSV, labelled SYNTHETIC: its rows are made up (a price walk), used only to
 *      show that memory stays bounded as the input grows. BENCH_IMPORT_MB sets its size (default 256; the
 *      goal is < 300 MB RSS at 2048 and ≥ 50k events/s).
 * RSS is sampled every 50 ms during each import; the machine's load is printed beside each figure.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importSessionInputs, type ImportInput } from '../src/main/engine/sessions/import-session'
import { machineLoad, SHARED_DATA } from './bench-env'

const MB = 1024 * 1024
const tmp = mkdtempSync(join(tmpdir(), 'radar-bench-import-'))

async function measure(label: string, inputs: ImportInput[]): Promise<void> {
  const bytes = inputs.flatMap((i) => i.paths).reduce((n, p) => n + statSync(p).size, 0)
  global.gc?.()
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50)
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const s = await importSessionInputs(inputs, { out: join(tmp, 'bench.radar'), overwrite: true })
  const sec = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const cpuSec = (cpu.user + cpu.system) / 1e6
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage.rss())
  const n = s.metadata.eventCount
  const rate = (x: number): string => Math.round(n / x).toLocaleString('en-US')
  // On a shared machine wall time stretches with the load; events per CPU-second is the import's own cost.
  process.stdout.write(
    `${label}: ${(bytes / MB).toFixed(1)} MB in, ${n.toLocaleString('en-US')} events in ${sec.toFixed(1)} s = ${rate(sec)} events/s (${rate(cpuSec)} per CPU-second), peak RSS ${(peak / MB).toFixed(0)} MB (${machineLoad()})\n`,
  )
}

/** Writes a Tardis trades CSV of about `mb` MB, streamed to disk (never whole in memory). */
async function syntheticTardis(mb: number): Promise<string> {
  const path = join(tmp, 'synthetic_binance-futures_trades_BTCUSDT.csv')
  const out = createWriteStream(path)
  const write = (s: string): Promise<void> =>
    new Promise((res) => (out.write(s) ? res() : out.once('drain', () => res())))
  await write('exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n')
  let ts = Date.UTC(2024, 0, 1) * 1000
  let price = 40000
  let written = 0
  let id = 0
  while (written < mb * MB) {
    let chunk = ''
    for (let i = 0; i < 10_000; i++) {
      ts += 1000 + (id % 7) * 100
      price += ((id * 7919) % 11) - 5 // deterministic walk, not random
      chunk += `binance-futures,BTCUSDT,${ts},${ts + 800},${id++},${id % 3 ? 'buy' : 'sell'},${(price / 10).toFixed(1)},0.${(id % 900) + 100}\n`
    }
    written += chunk.length
    await write(chunk)
  }
  await new Promise<void>((res) => out.end(res))
  return path
}

/** Each case runs in its own process, so one case's peak RSS is not another's. */
const CASES: Record<string, () => Promise<void>> = {
  bars: () => {
    const d = `${SHARED_DATA}/btc-derivatives-2026`
    return measure('real: btc-derivatives-2026 bars (4 files)', [
      {
        format: 'bars',
        paths: [
          `${d}/btc_hourly_2026-03-01_2026-06-02.csv`,
          `${d}/btc_liquidations_30m_2026-03-01_2026-05-28.csv`,
          `${d}/btc_binance_5m_2026-05-25_2026-06-08.csv`,
          `${d}/btc_binance_5m_2026-06-07_2026-06-22.csv`,
        ],
      },
    ])
  },
  ws: () =>
    measure('real: binance-ws usdm btcusdt 2023-04-05 (gzip)', [
      { format: 'binance-ws', paths: [`${SHARED_DATA}/binance-ws/usdm/btcusdt_20230405.dat.gz`] },
    ]),
  synthetic: async () => {
    const mb = Number(process.env.BENCH_IMPORT_MB ?? 256)
    const path = await syntheticTardis(mb)
    await measure(`SYNTHETIC: generated Tardis trades CSV (${mb} MB target)`, [
      { format: 'tardis', paths: [path] },
    ])
  },
}

const which = process.argv[2]
try {
  if (which) await CASES[which]!()
  else {
    for (const name of Object.keys(CASES)) {
      spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), name], {
        stdio: 'inherit',
      })
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
