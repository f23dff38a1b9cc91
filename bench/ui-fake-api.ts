/**
 * Runs inside the page (passed to addInitScript): a RadarApi stand-in that serves one market's series and a
 * 1,440 x 400 heatmap built in the page, so the bench measures the renderer alone. The bars are real
 * (recorded Binance 5-minute OHLC, re-timed one minute apart); the heatmap is a SYNTHETIC load pattern.
 */
export interface BenchBar {
  timeSec: number
  open: number
  high: number
  low: number
  close: number
  volumeBase: number | null
}

export function installFakeApi(input: { key: string; bars: BenchBar[]; rows: number }): void {
  const { key, bars, rows } = input
  const w = window as unknown as Record<string, unknown>
  const cols = bars.length
  let lo = Infinity
  let hi = -Infinity
  for (const b of bars) {
    lo = Math.min(lo, b.low)
    hi = Math.max(hi, b.high)
  }
  const priceLo = lo * 0.93
  const priceStep = (hi * 1.07 - priceLo) / rows
  const longUsd = new Array<number>(cols * rows).fill(0)
  const shortUsd = new Array<number>(cols * rows).fill(0)
  // Load pattern: each bar opens positions at 5-100x whose liquidation levels persist (decaying) until crossed.
  const longAcc = new Float64Array(rows)
  const shortAcc = new Float64Array(rows)
  const row = (p: number) => Math.max(0, Math.min(rows - 1, Math.floor((p - priceLo) / priceStep)))
  for (let c = 0; c < cols; c++) {
    const b = bars[c]!
    for (const lev of [5, 10, 25, 50, 100]) {
      longAcc[row(b.close * (1 - 1 / lev))]! += 1e5 * (b.volumeBase ?? 1)
      shortAcc[row(b.close * (1 + 1 / lev))]! += 1e5 * (b.volumeBase ?? 1)
    }
    for (let r = 0; r < rows; r++) {
      const p = priceLo + (r + 0.5) * priceStep
      if (p >= b.low) longAcc[r] = 0
      else longAcc[r]! *= 0.997
      if (p <= b.high) shortAcc[r] = 0
      else shortAcc[r]! *= 0.997
      longUsd[c * rows + r] = longAcc[r]!
      shortUsd[c * rows + r] = shortAcc[r]!
    }
  }
  const maxCellUsd = Math.max(...longUsd.slice(-rows), 1)
  const last = bars[bars.length - 1]!
  const snapshot = {
    key,
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    asOfMs: last.timeSec * 1000,
    lastPrice: last.close,
    eventCount: 0,
    metrics: {},
    labels: {},
    tags: [],
    contradictions: [],
    evaluatedAtMs: last.timeSec * 1000,
    stress: null,
  }
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const invoke: Record<string, (req?: unknown) => unknown> = {
    getAppInfo: () => ({
      version: 'bench',
      shell: 'browser',
      userDataDir: '',
      settingsPath: '',
      logPath: '',
    }),
    getEngineStatus: () => ({
      startedAtMs: Date.now(),
      source: { kind: 'sample', label: 'UI bench (recorded bars, synthetic heatmap load)' },
      venues: [],
      worker: {
        state: 'running',
        restarts: 0,
        lastHeartbeatAgeMs: 0,
        lastRestartReason: null,
        lastRestartAtMs: null,
        eventsProcessed: 0,
      },
      marketCount: 1,
    }),
    getSnapshots: () => [snapshot],
    getSettings: () => ({ settings: { theme: 'dark' }, path: '', warning: null }),
    getReplayPosition: () => null,
    getAlertLog: () => [],
    listSessions: () => [],
    getSeries: () => ({ key, resolutionSec: 60, bars, lines: {}, liquidations: [] }),
    watchSeries: (req) => ({ watching: (req as { key: string | null }).key }),
    getHeatmap: () => ({
      key,
      resolutionSec: 60,
      columns: bars.map((b) => b.timeSec),
      priceLo,
      priceStep,
      rows,
      longUsd,
      shortUsd,
      maxCellUsd,
      assumptions: ['synthetic load pattern for the UI bench'],
      current: null,
      unavailableReason: null,
    }),
  }
  const api = new Proxy(
    {},
    {
      get(_t, name: string) {
        if (name.startsWith('on')) {
          const channel = name.charAt(2).toLowerCase() + name.slice(3)
          return (l: (p: unknown) => void) => {
            let set = listeners.get(channel)
            if (!set) listeners.set(channel, (set = new Set()))
            set.add(l)
            return () => set.delete(l)
          }
        }
        return (req?: unknown) =>
          name in invoke
            ? Promise.resolve(invoke[name]!(req))
            : Promise.reject(new Error(`${name}: not in the bench`))
      },
    },
  )
  w.radar = api
  w.__emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l(payload)
  }
}
