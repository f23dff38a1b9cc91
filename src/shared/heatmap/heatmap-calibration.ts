import type { LeverageLevel } from './heatmap-config'

/**
 * The liquidation map's default assumptions, fitted by `scripts/heatmap-calibrate.ts` (walk-forward, see
 * docs/methodology-heatmap.md "Calibration"). They are the best of the candidates tried on the data below,
 * not facts about any venue: the fit is flat near the top (many mixes within 0.001 of ρ), and out of sample
 * the map still ranks hourly liquidations slightly worse than |move| × OI.
 */
export const HEATMAP_CALIBRATION = {
  levels: [
    { leverage: 10, weight: 0.25 },
    { leverage: 20, weight: 0.25 },
    { leverage: 50, weight: 0.25 },
    { leverage: 100, weight: 0.25 },
  ] as readonly LeverageLevel[],
  positionNotionalUsd: 5_000,
  decayHalfLifeHours: 168,
  leverageSpread: 0.3,
  priceSpread: 'triangular' as const,
  provenance:
    'Fitted by scripts/heatmap-calibrate.ts on BTC/USDT hourly bars 2026-03-01 → 2026-06-02 (CoinGlass ' +
    'liquidations of Binance + Bybit + OKX beside Binance open interest): 270 candidates, Spearman ρ of the ' +
    "map over each hour's range against realized totals. Out of sample (April, May): ρ 0.672 longs / 0.635 " +
    'shorts against 0.723 / 0.675 for |move| × OI.',
}
