/**
 * Liquidation prices per second, for the heatmap model that asks for one per (entry, leverage, notional)
 * cell. Input: the real BTC/USDT:USDT brackets of the bundled snapshot. Baseline: a trivial loop over the
 * same cells computing entry × (1 − 1 / leverage), the no-tier approximation, measured in the same run.
 */
import { loadBundledTiers } from '../src/main/engine/sizing/bundled-tiers'
import { solveTieredLiquidation } from '../src/shared/sizing/liquidation'
import { liquidationPriceForLeverage } from '../src/shared/sizing/liquidation-for-leverage'
import { findTier } from '../src/shared/sizing/tiers'

const tiers = loadBundledTiers().markets.get('BTC/USDT:USDT')?.tiers
if (!tiers) throw new Error('BTC/USDT:USDT missing from the bundled snapshot')

const entries = Array.from({ length: 200 }, (_, i) => 50_000 + i * 50)
const leverages = [2, 3, 5, 10, 20, 25, 50, 75, 100]
const notionals = [1_000, 20_000, 80_000, 400_000, 2_000_000, 10_000_000]
const cells = entries.length * leverages.length * notionals.length

function time(label: string, rounds: number, body: () => number): number {
  body() // warm up
  const t0 = process.hrtime.bigint()
  let sink = 0
  for (let r = 0; r < rounds; r++) sink += body()
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  const perSecond = (rounds * cells) / seconds
  console.log(`${label}: ${Math.round(perSecond)} /s${Number.isNaN(sink) ? ' (NaN sink)' : ''}`)
  return perSecond
}

const ROUNDS = 40
const baseline = time('sizing.baseline_entry_times_leverage_per_s', ROUNDS, () => {
  let s = 0
  for (const e of entries) for (const l of leverages) for (const _n of notionals) s += e * (1 - 1 / l)
  return s
})

const fixedTier = time('sizing.liquidation_price_for_leverage_per_s', ROUNDS, () => {
  let s = 0
  for (const e of entries)
    for (const l of leverages)
      for (const n of notionals) {
        const tier = findTier(tiers, n)
        if (!tier) continue
        s +=
          liquidationPriceForLeverage({ side: 'long', entryPrice: e, leverage: l, notionalUsd: n, tier }) ?? 0
      }
  return s
})

const tiered = time('sizing.tier_consistent_liquidation_per_s', ROUNDS / 4, () => {
  let s = 0
  for (const e of entries)
    for (const l of leverages)
      for (const n of notionals) {
        const r = solveTieredLiquidation(
          {
            side: 'long',
            quantityBase: n / e,
            entryPrice: e,
            walletBalanceUsd: n / l,
            otherMaintenanceMarginUsd: 0,
            otherUnrealizedPnlUsd: 0,
          },
          tiers,
        )
        s += r.liquidationPrice ?? 0
      }
  return s
})

console.log(`sizing.liquidation_price_for_leverage_vs_baseline: ${(fixedTier / baseline).toFixed(3)} x`)
console.log(`sizing.tier_consistent_vs_baseline: ${(tiered / baseline).toFixed(3)} x`)
