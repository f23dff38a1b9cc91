import type { Command, LazyCommand } from '../command'

const entry = (
  name: string,
  summary: string,
  load: () => Promise<Command>,
  stopsOnSignal = false,
): LazyCommand => ({ name, summary, load, stopsOnSignal })

/**
 * Every `radar` command, in the order `radar --help` lists them. Each module loads only when its command runs,
 * so the summaries are repeated here; run-cli.test.ts fails when one no longer matches its module's.
 * The last argument marks the long commands that run in a worker to stop promptly on Ctrl-C.
 */
export const commands: readonly LazyCommand[] = [
  entry(
    'serve',
    'run the engine and serve the UI to a browser (browser mode)',
    async () => (await import('./serve')).serveCommand,
  ),
  entry(
    'import',
    'import public historical data files into a session',
    async () => (await import('./import')).importCommand,
    true,
  ),
  entry(
    'replay',
    'replay a session through scoring and print the final metrics of every market',
    async () => (await import('./replay')).replayCommand,
    true,
  ),
  entry(
    'export',
    'export a session’s raw events and metric series as CSV or Parquet',
    async () => (await import('./export')).exportCommand,
    true,
  ),
  entry(
    'size',
    'position size, exact liquidation price and risk from a JSON request on stdin',
    async () => (await import('./size')).sizeCommand,
  ),
  entry(
    'scan',
    'collect live data from one venue for N seconds and print a snapshot per market',
    async () => (await import('./scan')).scanCommand,
  ),
  entry(
    'emulate',
    'run a local exchange emulator serving recorded Binance, Bybit and OKX payloads',
    async () => (await import('./emulate')).emulateCommand,
  ),
  entry(
    'upgrade-session',
    'rewrite a session file in the columnar format 2 (smaller, faster to replay)',
    async () => (await import('./upgrade-session')).upgradeSessionCommand,
    true,
  ),
  entry(
    'record',
    'record live market data into a session file',
    async () => (await import('./record')).recordCommand,
  ),
  entry(
    'heatmap-check',
    'score the estimated liquidation map against realized liquidations (single orders or per-bar totals)',
    async () => (await import('./heatmap-check')).heatmapCheckCommand,
  ),
  entry(
    'evidence',
    'measure how well each signal warned before large moves and liquidation spikes in sessions',
    async () => (await import('./evidence')).evidenceCommand,
    true,
  ),
]
