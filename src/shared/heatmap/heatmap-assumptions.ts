import type { HeatmapState } from './heatmap-state'

const pct = (f: number, digits = 0): string => `${(f * 100).toFixed(digits)} %`

/** The model's assumptions in words, with the counts that show how often a fallback was used. */
export function heatmapAssumptions(state: HeatmapState): string[] {
  const { cfg, plan, stats } = state
  const splitBars = stats.splitFromTakerVolume + stats.splitFromTrades + stats.splitEven
  const t = plan.tier
  const venue = cfg.venue === 'bybit' ? 'Bybit isolated' : 'Binance USDⓈ-M isolated'
  const cell =
    cfg.cell.kind === 'pct'
      ? `${pct(cfg.cell.fraction, 2)} of the first price`
      : `${cfg.cell.multiple} × the ATR of the first ${cfg.cell.bars} bars`
  const out = [
    `Leverage mix (an assumption, not a fact): ${cfg.levels.map((l) => `${l.leverage}x ${pct(l.weight)}`).join(', ')}.`,
    `New positions: each bar's rise in open interest (contracts × the bar's price) is opened ` +
      (cfg.priceSpread === 'triangular'
        ? `across the bar's low–high range, most at its VWAP (a triangular spread; `
        : `at the bar's VWAP (`) +
      `the candle's typical price (H+L+C)/3 where the data has no volume).`,
    cfg.leverageSpread > 0
      ? `Each leverage stands for a spread of leverages: margin 1/L ± ${pct(cfg.leverageSpread)} (triangular).`
      : 'Each leverage is taken exactly (no spread around it).',
    `Long/short split by the bar's taker buy/sell volume; 50/50 where the bar has none ` +
      `(${stats.splitEven} of ${splitBars} bars with new positions so far).`,
    `Liquidation prices: ${venue} formula for a ${cfg.positionNotionalUsd} USD position, which sits in tier ${t.tier} ` +
      `(maintenance margin ${pct(t.maintenanceMarginRate, 2)}, maintenance amount ${t.maintenanceAmount}).`,
    ...plan.notes,
    `Removal: longs when the mark price (the bar low where there is no mark) reaches their level, shorts when ` +
      `the high does; positions opened in a bar are not removed by that bar's own wick.`,
    `A fall in open interest shrinks every level in proportion; levels fade with a ${(cfg.decayHalfLifeSec / 3600).toFixed(1)} h half-life.`,
    `Price cells: ${cell}${state.grid ? ` (${state.grid.cellSize.toPrecision(4)} per cell)` : ''}.`,
    'Only positions opened while the data runs are on the map; older open interest is not.',
    'Realized liquidations from the venue are kept apart and not mixed into this estimate.',
  ]
  return out
}
