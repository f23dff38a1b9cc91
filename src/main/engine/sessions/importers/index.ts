import { barsImporter } from './bars'
import { binanceFuturesDataImporter } from './binance-futures-data'
import { binanceVisionImporter } from './binance-vision'
import { binanceWsImporter } from './binance-ws'
import { fundingCsvImporter } from './funding-csv'
import { tardisImporter } from './tardis'
import type { Importer } from './types'

export const IMPORTERS: readonly Importer[] = [
  binanceWsImporter,
  binanceVisionImporter,
  binanceFuturesDataImporter,
  tardisImporter,
  fundingCsvImporter,
  barsImporter,
]

export function findImporter(format: string): Importer {
  const imp = IMPORTERS.find((i) => i.format === format)
  if (!imp) {
    throw new Error(
      `unknown import format "${format}"; formats: ${IMPORTERS.map((i) => i.format).join(', ')}`,
    )
  }
  return imp
}
