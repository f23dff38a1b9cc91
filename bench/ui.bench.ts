/**
 * UI speed in headless Chromium: frames per second while panning and zooming a market view with 1,440
 * one-minute candles under a 1,440 x 400-cell heatmap, and the time from a series update to its pixel at
 * 10 updates/s and at 1,000/s. Event -> pixel at each rate is the scoring worker's event -> snapshot p95
 * (bench/scoring-latency.ts, recorded trades, measured in the same run) plus the renderer's p95.
 * The candles are real (recorded Binance BTCUSDT 5-minute OHLC, re-timed one minute apart to make 24 h of
 * one-minute bars); the heatmap cells are a SYNTHETIC load pattern derived from those prices. The engine's
 * share of event -> pixel (its batch interval) is measured on a real `radar serve` replaying a bundled sample.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import type { Page } from '@playwright/test'
import { CHROMIUM_ARGS } from '../playwright.config'
import { openApiSocket, startServer } from '../test/support/radar-server'
import { machineLoad, REPO_ROOT, SHARED_DATA } from './bench-env'
import type { BenchBar } from './ui-fake-api'
import { installFakeApi } from './ui-fake-api'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const CSV = join(SHARED_DATA, 'binance-futures-metrics', 'BTCUSDT.csv')

/** The recorded 5-minute bars with OHLC, one per timestamp (the file repeats rows), first 1,440. */
function recordedBars(): BenchBar[] {
  const lines = readFileSync(CSV, 'utf8').trim().split('\n')
  const head = lines[0]!.split(',')
  const col = (n: string) => head.indexOf(n)
  const byTs = new Map<number, string[]>()
  for (const line of lines.slice(1)) {
    const f = line.split(',')
    if (f[col('closePrice')] === '' || f[col('openPrice')] === '') continue
    byTs.set(Number(f[col('timestamp')]), f)
  }
  const rows = [...byTs.entries()].sort((a, b) => a[0] - b[0]).slice(0, 1440)
  const t0 = Math.floor(rows[0]![0] / 60_000) * 60
  return rows.map(([, f], i) => {
    const vol = Number(f[col('buyVol')]) + Number(f[col('sellVol')])
    return {
      timeSec: t0 + i * 60,
      open: Number(f[col('openPrice')]),
      high: Number(f[col('highPrice')]),
      low: Number(f[col('lowPrice')]),
      close: Number(f[col('closePrice')]),
      volumeBase: Number.isFinite(vol) && f[col('buyVol')] !== '' ? vol : null,
    }
  })
}

interface FrameStats {
  fps: number
  p95Ms: number
}

/** Pans 3 bars per frame and zooms between 300 and all 1,440 bars every 45 frames, for `seconds`. */
function panZoom(page: Page, seconds: number): Promise<FrameStats> {
  return page.evaluate(async (seconds) => {
    type Chart = {
      timeScale(): {
        setVisibleLogicalRange(r: { from: number; to: number }): void
      }
    }
    const chart = (window as unknown as { __radarChart: { chart: Chart } }).__radarChart.chart
    const ts = chart.timeScale()
    const gaps: number[] = []
    let frame = 0
    let width = 300
    let from = 0
    const start = performance.now()
    let prev = start
    await new Promise<void>((done) => {
      const step = (now: number) => {
        gaps.push(now - prev)
        prev = now
        frame++
        if (frame % 45 === 0) width = width === 300 ? 1440 : 300
        from = (from + 3) % Math.max(1, 1440 - width)
        ts.setVisibleLogicalRange({ from, to: from + width })
        if (now - start < seconds * 1000) requestAnimationFrame(step)
        else done()
      }
      requestAnimationFrame(step)
    })
    const elapsed = (performance.now() - start) / 1000
    gaps.sort((a, b) => a - b)
    return { fps: frame / elapsed, p95Ms: gaps[Math.floor(gaps.length * 0.95)] ?? 0 }
  }, seconds)
}

/**
 * Series updates handed to the renderer as the WebSocket client would, `perSec` a second for `count`
 * updates, each timed from its hand-over to the frame that paints it. Every 60th update opens a new bar, the
 * others move the last bar's close (as trades do).
 */
function updateToPixel(page: Page, count: number, perSec: number): Promise<number[]> {
  return page.evaluate(
    async ({ count, perSec, key }) => {
      const w = window as unknown as {
        __emit: (c: string, p: unknown) => void
        __radarChart: {
          barTimes(): number[]
          chart: { timeScale(): { timeToCoordinate(t: number): number | null } }
        }
      }
      const out: number[] = []
      const painted: Promise<void>[] = []
      const times = w.__radarChart.barTimes()
      let t = times[times.length - 1]!
      const start = performance.now()
      for (let i = 0; i < count;) {
        // Paced against the start: a late timer sends what is due instead of drifting.
        const due = Math.min(count, Math.floor(((performance.now() - start) * perSec) / 1000) + 1)
        for (; i < due; i++) {
          if (i % 60 === 0) t += 60
          const p = 62_000 + (i % 10) * 15
          const t0 = performance.now()
          w.__emit('seriesUpdate', {
            key,
            bars: [{ timeSec: t, open: p, high: p + 20, low: p - 20, close: p + 5, volumeBase: 10 }],
            lines: {},
            liquidations: [],
          })
          // The chart paints in the animation frame requested by update() (or one already pending);
          // callbacks run in the order they were asked for, so ours runs right after that paint.
          painted.push(
            new Promise((r) => requestAnimationFrame(() => r(void out.push(performance.now() - t0)))),
          )
        }
        if (i < count) await new Promise((r) => setTimeout(r, Math.max(1, Math.min(100, 1000 / perSec))))
      }
      await Promise.all(painted)
      if (w.__radarChart.chart.timeScale().timeToCoordinate(t) === null)
        throw new Error('bar not on the chart')
      return out
    },
    { count, perSec, key: KEY },
  )
}

/** Intervals between series batches of a real engine replaying the 2023 sample at 1x, ms. */
async function engineBatchIntervals(): Promise<number[]> {
  const server = await startServer()
  const api = await openApiSocket(server)
  let id = 1
  const call = (channel: string, payload?: unknown) =>
    api.call({ kind: 'invoke', id: id++, channel, payload })
  try {
    await call('openSession', { path: 'resources/samples/binance-btcusdt-2023-04-05.radar' })
    await call('replayControl', { action: 'play' })
    await new Promise((r) => setTimeout(r, 1500))
    await call('watchSeries', { key: KEY })
    const arrivals: number[] = []
    api.ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { kind: string; channel?: string }
      if (m.kind === 'event' && m.channel === 'seriesUpdate') arrivals.push(performance.now())
    })
    await new Promise((r) => setTimeout(r, 5000))
    return arrivals.slice(1).map((t, i) => t - arrivals[i]!)
  } finally {
    api.close()
    await server.stop()
  }
}

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)] ?? NaN

interface LatencyFigure {
  p50Ms: number
  p95Ms: number
  events: number
}

/** The scoring worker's event -> snapshot latency at 10 and 1,000 trades/s (bench/worker-latency-run.ts). */
function workerLatency(): { at10: LatencyFigure; at1000: LatencyFigure } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'bench', 'worker-latency-run.ts')],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  )
  if (r.status !== 0) throw new Error(`worker-latency-run.ts exited with ${r.status}: ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { at10: LatencyFigure; at1000: LatencyFigure }
}

async function main(): Promise<void> {
  const bars = recordedBars()
  // The worker's share first, before the browser starts, each rate on its own.
  const { at10: worker10, at1000: worker1000 } = workerLatency()
  const server = await startServer()
  const browser = await chromium.launch({
    executablePath: process.env.RADAR_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    // tsx keeps function names with a helper the page does not have.
    await page.addInitScript('window.__name = (f) => f')
    await page.addInitScript(installFakeApi, { key: KEY, bars, rows: 400 })
    await page.goto(server.url)
    await page.getByTestId('radar-row').first().dblclick()
    await page.getByTestId('heatmap-legend').waitFor()
    await page.mouse.move(5, 895)
    // Synthetic heatmap: kept with the test artifacts for inspection, never with the docs.
    await page.screenshot({ path: 'test-results/screenshots/bench-heatmap-synthetic.png' })
    const withMap = await panZoom(page, 6)
    await page.getByRole('checkbox', { name: 'Longs' }).uncheck()
    await page.getByRole('checkbox', { name: 'Shorts' }).uncheck()
    const noMap = await panZoom(page, 4)
    await page.getByRole('checkbox', { name: 'Longs' }).check()
    await page.getByRole('checkbox', { name: 'Shorts' }).check()
    const upd10 = await updateToPixel(page, 40, 10)
    // However many events arrive, the worker flushes at most once per its 20 ms minimum window
    // (src/shared/adaptive-flush.ts): at 1,000 events/s the window gets up to 50 coalesced updates a second.
    const upd1000 = await updateToPixel(page, 200, 50)
    const batches = await engineBatchIntervals()
    const line = (name: string, v: number, unit: string, note = '') =>
      process.stdout.write(
        `${name}: ${v.toFixed(1)} ${unit}${note ? `  (${note})` : ''}  (${machineLoad()})\n`,
      )
    line(
      'ui.pan_zoom_fps',
      withMap.fps,
      '/s',
      `${bars.length} recorded bars, 1,440 x 400 heatmap: SYNTHETIC load pattern`,
    )
    line('ui.pan_zoom_frame_p95', withMap.p95Ms, 'ms')
    line('ui.pan_zoom_fps_baseline_no_heatmap', noMap.fps, '/s', 'same bars, heatmap layers off')
    line('ui.heatmap_fps_ratio', withMap.fps / noMap.fps, 'x', 'with / without heatmap')
    for (const [perSec, upd, worker, goalMs] of [
      [10, upd10, worker10, 50],
      [1000, upd1000, worker1000, 100],
    ] as const) {
      line(
        `ui.update_to_pixel_at_${perSec}_events_per_s_p95`,
        pct(upd, 0.95),
        'ms',
        `p50 ${pct(upd, 0.5).toFixed(1)} ms over ${upd.length} series updates handed to the renderer -> painted frame, ${perSec === 10 ? 10 : 50} updates/s`,
      )
      line(
        `ui.event_to_pixel_at_${perSec}_events_per_s_p95`,
        worker.p95Ms + pct(upd, 0.95),
        'ms',
        `goal < ${goalMs} ms: the scoring worker's event -> snapshot p95 ${worker.p95Ms.toFixed(1)} ms (${worker.events} trades at ${perSec}/s) + the renderer's p95 above; the hop from the engine process to the window is not in it`,
      )
    }
    line(
      'engine.series_batch_interval_mean',
      batches.reduce((a, b) => a + b, 0) / Math.max(1, batches.length),
      'ms',
      `real radar serve, 2023 sample at 1x, ${batches.length} intervals`,
    )
    line('engine.series_batch_interval_max', Math.max(...batches), 'ms')
  } finally {
    await browser.close()
    await server.stop()
  }
}

await main()
