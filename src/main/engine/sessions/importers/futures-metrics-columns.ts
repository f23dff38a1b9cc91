/**
 * Value columns of the Binance futures-data metrics CSVs (after the unnamed index and `timestamp`): what
 * `/futures/data/openInterestHist`, the three long/short endpoints and `takerlongshortRatio` return, plus a
 * 5-minute OHLC. Read by the importer and served back by the exchange emulator.
 */
export const METRIC_COLUMNS = [
  'sumOpenInterest',
  'sumOpenInterestValue',
  'topacclongShortRatio',
  'toplongAccount',
  'topshortAccount',
  'topposlongShortRatio',
  'longPosition',
  'shortPosition',
  'globallongShortRatio',
  'globallongAccount',
  'globalshortAccount',
  'buySellRatio',
  'sellVol',
  'buyVol',
  'openPrice',
  'highPrice',
  'lowPrice',
  'closePrice',
] as const

export type MetricColumn = (typeof METRIC_COLUMNS)[number]
