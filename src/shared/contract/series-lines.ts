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
