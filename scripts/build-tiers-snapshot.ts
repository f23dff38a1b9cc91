/**
 * Builds resources/leverage-tiers/binance-usdm-tiers.json, the offline maintenance-margin tiers the size
 * calculator falls back on, from the recorded ccxt `fetchLeverageTiers` output for Binance USDⓈ-M.
 *
 *   npx tsx scripts/build-tiers-snapshot.ts [source.json] [out.json]
 *
 * Every market's table is checked (contiguous from 0, `cum` consistent with the continuity rule) before it
 * is written; a bad table stops the build with the market and tier at fault.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  buildTiersSnapshot,
  NO_LOT_SIZE_NOTE,
  serializeTiersSnapshot,
} from '../src/shared/sizing/tiers-snapshot-build'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const sourcePath = resolve(
  process.argv[2] ?? resolve(repoRoot, '../shared/data/leverage-tiers/binance_leverage_tiers.json'),
)
const outPath = resolve(
  process.argv[3] ?? resolve(repoRoot, 'resources/leverage-tiers/binance-usdm-tiers.json'),
)

const source = JSON.parse(readFileSync(sourcePath, 'utf8')) as Record<string, unknown>
const { snapshot, skipped } = buildTiersSnapshot(source, {
  venue: 'binanceusdm',
  snapshotDate: '2024-10-24',
  source:
    'ccxt fetchLeverageTiers output for Binance USDⓈ-M (GET /fapi/v1/leverageBracket), recorded 2024-10-24 and ' +
    'published as test data by the freqtrade project (GPL-3.0); maintenance amount = info.cum',
  lotSizeNote: NO_LOT_SIZE_NOTE,
  strictAmounts: true,
})
if (skipped.length > 0) throw new Error(`not linear, not bundled: ${skipped.join(', ')}`)
mkdirSync(dirname(outPath), { recursive: true })
writeFileSync(outPath, serializeTiersSnapshot(snapshot))
console.log(`wrote ${Object.keys(snapshot.markets).length} markets to ${outPath}`)
