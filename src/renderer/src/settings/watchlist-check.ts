import { LIVE_VENUE_IDS } from '../../../shared/market-event'

/** The settings file's caps on the watchlist (settingsSchema: at most 300 entries of 1–64 characters). */
export const WATCHLIST_MAX_MARKETS = 300
export const MARKET_KEY_MAX_CHARS = 64

/**
 * Checks the watchlist text before it is saved and says what is wrong in words, line by line, instead of the
 * settings schema's raw message. Blank lines and repeats are dropped; the markets come back in order.
 */
export function checkWatchlist(text: string): { markets: string[]; problems: string[] } {
  const problems: string[] = []
  const seen = new Set<string>()
  const markets: string[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (!line || seen.has(line)) return
    seen.add(line)
    const colon = line.indexOf(':')
    const venue = colon > 0 ? line.slice(0, colon) : ''
    if (colon <= 0 || colon === line.length - 1)
      problems.push(`Line ${i + 1}, “${line}”, is not venue:symbol (e.g. binanceusdm:BTC/USDT:USDT).`)
    else if (!(LIVE_VENUE_IDS as readonly string[]).includes(venue))
      problems.push(`Line ${i + 1}: “${venue}” is not a live venue (${LIVE_VENUE_IDS.join(', ')}).`)
    else if (line.length > MARKET_KEY_MAX_CHARS)
      problems.push(
        `Line ${i + 1} is ${line.length} characters; a market is at most ${MARKET_KEY_MAX_CHARS}.`,
      )
    else markets.push(line)
  })
  if (markets.length > WATCHLIST_MAX_MARKETS)
    problems.push(
      `The watchlist holds at most ${WATCHLIST_MAX_MARKETS} markets with full streams; this one has ${markets.length}. Remove ${markets.length - WATCHLIST_MAX_MARKETS} (every perp of an enabled venue is on the radar without a watchlist entry).`,
    )
  return { markets, problems }
}
