import { z } from 'zod'
import type { SeriesLineId } from './series-lines'

/** Chart time in lightweight-charts' unit: whole seconds since the epoch, UTC. */
export type ChartTimeSec = number

export interface Bar {
  timeSec: ChartTimeSec
  open: number
  high: number
  low: number
  close: number
  /** null where the source gives no volume (never 0 for unknown). */
  volumeBase: number | null
  /** 'taker' when the source's candles carry no volume and it is taker buy + taker sell of the same period. */
  volumeFrom?: 'taker'
}

export interface SeriesPoint {
  timeSec: ChartTimeSec
  value: number
}

export interface LiquidationMarker {
  timeSec: ChartTimeSec
  positionSide: 'long' | 'short'
  price: number
  usd: number
}

// The line ids live in a module without zod, so scoring (the CLI's replay) loads without the schemas.
export { SERIES_LINES, type SeriesLineId } from './series-lines'

/** Everything the market view charts, for one market. */
export interface MarketSeries {
  key: string
  resolutionSec: number
  bars: Bar[]
  lines: Partial<Record<SeriesLineId, SeriesPoint[]>>
  liquidations: LiquidationMarker[]
}

/** Incremental update (sent batched): bars and points that are new or changed since the last update. */
export interface SeriesUpdate {
  key: string
  bars: Bar[]
  lines: Partial<Record<SeriesLineId, SeriesPoint[]>>
  liquidations: LiquidationMarker[]
}

export const seriesRequests = {
  getSeries: z.object({ key: z.string().min(1).max(128) }).strict(),
  watchSeries: z.object({ key: z.string().min(1).max(128).nullable() }).strict(),
} as const
