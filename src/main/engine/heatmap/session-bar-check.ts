import type { SessionBarCheck } from '../../../shared/contract/heatmap-check'
import type { BarCheckOptions } from '../../../shared/heatmap/bar-check'
import { DEFAULT_BAR_CHECK } from '../../../shared/heatmap/bar-check'
import { runBarCheck } from '../../../shared/heatmap/bar-check-markets'
import { pipelineFeed } from '../../../shared/heatmap/map-feed'
import { configForSession } from '../../../shared/scoring/config-for-session'
import { isPerpSymbol, parseMarketKey } from '../../../shared/market-event'
import type { TiersLookup } from '../../../shared/radar-core'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { SessionReader } from '../sessions/session-reader'

export const NO_LIQUIDATION_BARS =
  'this session holds no liquidation bars (realized liquidation totals per bar, from a bars import): there is nothing to check the map against by bar'

/**
 * The bar check of one session file: every perp with liquidation bars runs through its own scoring pipeline
 * with `config` (the user's settings). The CLI and the Evidence screen both call this, so they show the same
 * figures. A session without liquidation bars is answered from its metadata, without reading its events.
 */
export function sessionBarCheck(
  path: string,
  config: PipelineConfig,
  tiersFor: TiersLookup,
  opts: BarCheckOptions = DEFAULT_BAR_CHECK,
): SessionBarCheck {
  const reader = SessionReader.open(path)
  try {
    const label = reader.metadata.label
    if (!(reader.metadata.eventCounts.liquidationBar! > 0)) {
      const skippedMarkets = [...reader.metadata.markets].sort().map((key) => ({
        key,
        reason: isPerpSymbol(parseMarketKey(key).symbol)
          ? 'no liquidation bars (realized totals per bar) to check against'
          : 'spot market: no leveraged positions to map',
      }))
      return { label, options: opts, markets: [], skippedMarkets, unavailableReason: NO_LIQUIDATION_BARS }
    }
    const sessionConfig = configForSession(config, reader.metadata)
    const makeFeed = (key: string) => {
      const { venue, symbol } = parseMarketKey(key)
      return tiersFor(venue, symbol) ? pipelineFeed({ config: sessionConfig, tiersFor }) : null
    }
    return { label, options: opts, ...runBarCheck(reader.events(), makeFeed, opts), unavailableReason: null }
  } finally {
    reader.close()
  }
}
