import { z } from 'zod'

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

/**
 * Line ids of MarketSeries.lines, one point per bar close where the metric is available (never filled with 0):
 * fundingApr (APR, fraction), fundingPercentile (0..100), oiUsd, oiQuadrant (1 new longs, 2 new shorts,
 * 3 short covering, 4 long liquidation), basisBps, basisZ, vpin (0..1), stress (0..100).
 */
export const SERIES_LINES = [
  'fundingApr',
  'fundingPercentile',
  'oiUsd',
  'oiQuadrant',
  'basisBps',
  'basisZ',
  'vpin',
  'stress',
] as const
export type SeriesLineId = (typeof SERIES_LINES)[number]

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
