import type { VenueAdapter } from './venue-adapter'

/** Binance spot: trades and books only (the perp's spot pair, for basis). */
export const binance: VenueAdapter = {
  venue: 'binance',
  candleTimeframe: ['5m', 300],
  fundingPageSize: 1000,
  klinePageSize: 1000,
  pollsOpenInterest: false,
  perpStreams: () => [],
  fundingIntervals: async () => new Map(),
}
