/**
 * Builds resources/leverage-tiers/binance-usdm-tiers.json, the offline maintenance-margin tiers the size
 * calculator falls back on, from the recorded ccxt `fetchLeverageTiers` output for Binance USDⓈ-M, with lot
 * and tick sizes from the recorded `GET /fapi/v1/exchangeInfo` answer where it lists the market.
 *
 *   npx tsx scripts/build-tiers-snapshot.ts [source.json] [out.json] [exchangeInfo recording]
 *
 * Every market's table is checked (contiguous from 0, `cum` consistent with the continuity rule) before it
 * is written; a bad table stops the build with the market and tier at fault.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { lotsFromBinanceExchangeInfo } from '../src/shared/sizing/market-lot'
import {
  buildTiersSnapshot,
  LOT_SIZE_ABSENT,
  serializeTiersSnapshot,
} from '../src/shared/sizing/tiers-snapshot-build'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const sourcePath = resolve(
  process.argv[2] ?? resolve(repoRoot, '../shared/data/leverage-tiers/binance_leverage_tiers.json'),
)
const outPath = resolve(
  process.argv[3] ?? resolve(repoRoot, 'resources/leverage-tiers/binance-usdm-tiers.json'),
)

const exchangeInfoPath = resolve(
  process.argv[4] ?? resolve(repoRoot, '../shared/data/exchange-ws-recordings/BINANCE_FUTURES.0'),
)

/** The recording's lines are `<url> -> <unix seconds>: <response body>`; the exchangeInfo one is wanted. */
function recordedExchangeInfo(path: string): { body: unknown; date: string } {
  const line = readFileSync(path, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('https://fapi.binance.com/fapi/v1/exchangeInfo'))
  const m = line?.match(/ -> ([0-9.]+): (.*)$/)
  if (!m) throw new Error(`${path}: no recorded /fapi/v1/exchangeInfo answer`)
  const date = new Date(Number(m[1]) * 1000).toISOString().slice(0, 10)
  return { body: JSON.parse(m[2] as string) as unknown, date }
}

const exchangeInfo = recordedExchangeInfo(exchangeInfoPath)
const lots = lotsFromBinanceExchangeInfo(exchangeInfo.body)
const source = JSON.parse(readFileSync(sourcePath, 'utf8')) as Record<string, unknown>
const { snapshot, skipped } = buildTiersSnapshot(source, {
  venue: 'binanceusdm',
  snapshotDate: '2024-10-24',
  source:
    'ccxt fetchLeverageTiers output for Binance USDⓈ-M (GET /fapi/v1/leverageBracket), recorded 2024-10-24 and ' +
    'published as test data by the freqtrade project (GPL-3.0); maintenance amount = info.cum',
  lotSizeNote:
    `Lot (LOT_SIZE stepSize, minQty) and tick (PRICE_FILTER tickSize) from Binance USDⓈ-M exchangeInfo recorded ` +
    `${exchangeInfo.date} (cryptofeed sample data); the venue may have changed them since. ${LOT_SIZE_ABSENT}`,
  strictAmounts: true,
  lots,
})
if (skipped.length > 0) throw new Error(`not linear, not bundled: ${skipped.join(', ')}`)
mkdirSync(dirname(outPath), { recursive: true })
writeFileSync(outPath, serializeTiersSnapshot(snapshot))
const withLot = Object.values(snapshot.markets).filter((m) => m.lot).length
console.log(`wrote ${Object.keys(snapshot.markets).length} markets (${withLot} with a lot) to ${outPath}`)
