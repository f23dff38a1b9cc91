import type { Exchange } from 'ccxt'
import type { MarketEvent } from '../../../shared/market-event'
import type { PageProgress } from './paginate'
import type { RestBudget } from './rest-budget'
import type { ConnectorVenue } from './url-override'

export const DAY_MS = 86_400_000

export interface HistoryDeps {
  ex: Exchange
  venue: ConnectorVenue
  budget: RestBudget
  emit: (events: MarketEvent[]) => void
  progress: (p: PageProgress) => void
  /** A history task the venue refused: the others go on, and the status keeps the reason. */
  failed: (task: string, reason: string) => void
}

/** Runs one history task; a refusal is reported and the market's other histories still load. */
export async function attempt(d: HistoryDeps, task: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  } catch (err) {
    d.failed(task, err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err))
  }
}
