import ccxt from 'ccxt'
import type { Exchange } from 'ccxt'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { MarketEvent } from '../../../src/shared/market-event'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import type { WatchedMarket } from '../../../src/main/engine/connectors/market-streams'
import { applyBaseUrlOverride } from '../../../src/main/engine/connectors/url-override'
import { LiveSource } from '../../../src/main/engine/connectors/live-source'
import type { LiveSourceOptions } from '../../../src/main/engine/connectors/live-source'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import type { HistoryDeps } from '../../../src/main/engine/connectors/history-deps'
import { DEFAULT_REST_BUDGET, RestBudget } from '../../../src/main/engine/connectors/rest-budget'
import type { ConnectorVenue } from '../../../src/main/engine/connectors/url-override'
import type { BackfillOptions } from '../../../src/main/engine/connectors/connector-options'

/** Short timings so reconnects and watchdogs resolve within a test. */
export const FAST = {
  watchdogMs: 1000,
  backoff: { baseMs: 50, maxMs: 400, jitter: 0.5 },
  restBudget: { concurrency: 2, backoff: { baseMs: 50, maxMs: 400, jitter: 0 }, maxRetries: 4 },
  flushMs: 20,
}

export function liveAgainst(emu: RunningEmulator, opts: Omit<LiveSourceOptions, 'overrides'>) {
  const o = { restUrl: emu.restUrl, wsUrl: emu.wsUrl }
  const src = new LiveSource({
    ...FAST,
    ...opts,
    overrides: { binanceusdm: o, binance: o, bybit: o, okx: o },
  })
  const events: MarketEvent[] = []
  return { src, events, start: () => src.start((batch) => events.push(...batch)) }
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/**
 * A ccxt.pro exchange whose markets are the emulator's recorded instruments, for feeding published payloads
 * through ccxt's own parsers. Closes the emulator and the exchange after the file's tests.
 */
export function recordedMarketsExchange(
  venue: 'okx' | 'bybit',
  types: string[],
): { ex: () => Exchange; watched: (symbol: string) => WatchedMarket } {
  let emu: RunningEmulator | null = null
  let ex: Exchange | null = null
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, speed: 1 })
    ex = new ccxt.pro[venue]({ options: { fetchMarkets: { types } } })
    applyBaseUrlOverride(ex.urls.api, { restUrl: emu.restUrl, wsUrl: emu.wsUrl })
    await ex.loadMarkets()
  }, 20_000)
  afterAll(async () => {
    await ex?.close()
    await emu?.close()
  })
  const get = (): Exchange => {
    if (!ex) throw new Error('the exchange is set up in beforeAll')
    return ex
  }
  return {
    ex: get,
    /** The connector's view of a market, as `VenueConnector.start` builds it. */
    watched: (symbol) => {
      const market = get().market(symbol)
      return {
        symbol,
        marketId: String(market.id),
        market,
        contractSize: market.contractSize ?? 1,
        inverse: market.inverse === true,
        fundingIntervalHours: null,
        lastExchangeTsMs: null,
        lastBookEmitMs: 0,
        lastMark: '',
        lastFunding: '',
        lastOi: '',
      }
    },
  }
}

/**
 * One emulator for a file's tests (`emu()`), and the live source each test hands to `track`, stopped after
 * that test whatever its outcome.
 */
export function emulatorForFile(): { emu: () => RunningEmulator; track: (src: LiveSource) => LiveSource } {
  let emu: RunningEmulator | null = null
  let src: LiveSource | null = null
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 })
  })
  afterEach(async () => {
    await src?.stop()
    src = null
  })
  afterAll(async () => {
    await emu?.close()
  })
  return {
    emu: () => {
      if (!emu) throw new Error('the emulator is started in beforeAll')
      return emu
    },
    track: (s) => (src = s),
  }
}

/**
 * History loaders' dependencies against one exchange, with no retries: emitted events go to `events`, and each
 * refused task's answer to `failed` (keyed by the task name).
 */
export function historyDeps(
  ex: Exchange,
  venue: ConnectorVenue,
  events: MarketEvent[],
  failed: (task: string, why: string) => void = () => {},
): HistoryDeps {
  return {
    ex,
    venue,
    budget: new RestBudget({ ...DEFAULT_REST_BUDGET, maxRetries: 0 }),
    emit: (e) => events.push(...e),
    progress: () => {},
    failed,
  }
}

/** History loaders' options for tests: the product's windows, 5 pages at most, and `over` for what differs. */
export function backfillOptions(over: Partial<BackfillOptions> = {}): BackfillOptions {
  return {
    fundingDays: 90,
    historyDays: 30,
    maxPages: 5,
    klineMinutes: 1440,
    tradeMinutes: 60,
    maxTradePages: 5,
    holdLiveMs: 30_000,
    ...over,
  }
}
