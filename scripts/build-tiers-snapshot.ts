/**
 * Builds resources/leverage-tiers/binance-usdm-tiers.json, the offline maintenance-margin tiers the size
 * calculator falls back on, from the recorded ccxt `fetchLeverageTiers` output for Binance USDⓈ-M.
 *
 *   npx tsx scripts/build-tiers-snapshot.ts [source.json] [out.json]
 *
 * Every market's table is checked (contiguous from 0, `cum` consistent with the continuity rule) before it
 * is written; a bad table stops the build with the market and tier at fault.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tiersFromCcxt } from '../src/shared/sizing/tiers-ccxt'
import { impliedMaintenanceAmount } from '../src/shared/sizing/tiers'
import { TIER_COLUMNS, type TiersSnapshot } from '../src/shared/sizing/tiers-snapshot'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const sourcePath = resolve(
  process.argv[2] ?? resolve(repoRoot, '../shared/data/leverage-tiers/binance_leverage_tiers.json'),
)
const outPath = resolve(
  process.argv[3] ?? resolve(repoRoot, 'resources/leverage-tiers/binance-usdm-tiers.json'),
)

const source = JSON.parse(readFileSync(sourcePath, 'utf8')) as Record<string, unknown>
const markets: TiersSnapshot['markets'] = {}
for (const [symbol, entries] of Object.entries(source).sort(([a], [b]) => a.localeCompare(b))) {
  if (!Array.isArray(entries)) throw new Error(`${symbol}: expected an array of tiers`)
  const { tiers, derivedAmounts } = tiersFromCcxt(entries, symbol)
  if (derivedAmounts) throw new Error(`${symbol}: a tier lacks info.cum`)
  tiers.forEach((t, i) => {
    const implied = impliedMaintenanceAmount(tiers[i - 1], t.minNotional, t.maintenanceMarginRate)
    if (Math.abs(implied - t.maintenanceAmount) > 1e-6 * Math.max(1, t.maintenanceAmount))
      throw new Error(
        `${symbol} tier ${t.tier}: cum ${t.maintenanceAmount} disagrees with continuity (${implied})`,
      )
  })
  const first = entries[0] as { currency?: unknown }
  const settle = symbol.split(':')[1]?.split('-')[0]
  if (typeof first.currency !== 'string' || first.currency !== settle)
    throw new Error(`${symbol}: tier currency ${String(first.currency)} is not the settle currency ${settle}`)
  markets[symbol] = {
    settle,
    // Every Binance USDⓈ-M market is linear and quoted per 1 base unit: one contract is one base unit.
    contractSize: 1,
    tiers: tiers.map((t) => [
      t.minNotional,
      t.maxNotional,
      t.maintenanceMarginRate,
      t.maxLeverage,
      t.maintenanceAmount,
    ]),
  }
}

const snapshot: TiersSnapshot = {
  venue: 'binanceusdm',
  snapshotDate: '2024-10-24',
  source:
    'ccxt fetchLeverageTiers output for Binance USDⓈ-M (GET /fapi/v1/leverageBracket), recorded 2024-10-24 and ' +
    'published as test data by the freqtrade project (GPL-3.0); maintenance amount = info.cum',
  lotSizeNote:
    'The source carries no lot size (stepSize) or tick size. They are not guessed: give lotSize in the request ' +
    'to round the quantity; without it the quantity is reported unrounded with a warning.',
  tierColumns: [...TIER_COLUMNS],
  markets,
}

// One market per line keeps diffs of a refreshed snapshot readable.
const lines = Object.entries(snapshot.markets).map(
  ([s, m]) => `    ${JSON.stringify(s)}: ${JSON.stringify(m)}`,
)
const header = { ...snapshot, markets: undefined }
const headerJson = JSON.stringify(header, null, 2).replace(/\n}$/, '')
const text = `${headerJson},\n  "markets": {\n${lines.join(',\n')}\n  }\n}\n`
JSON.parse(text)
mkdirSync(dirname(outPath), { recursive: true })
writeFileSync(outPath, text)
console.log(`wrote ${Object.keys(markets).length} markets to ${outPath}`)
