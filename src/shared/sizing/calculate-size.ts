import { fundingCost, priceDistance } from './carry'
import type { LiquidationResult } from './liquidation'
import { sideSign, solveTieredLiquidation } from './liquidation'
import { bybitIsolatedLiquidation } from './liquidation-bybit'
import { riskAdjustedSize } from './risk-adjusted'
import { lossAtStop, roundDownToLot, sizeFromRisk } from './risk-sizing'
import type { RiskSizing } from './risk-sizing'
import type { SizeAnswer, SizeErrorAnswer, SizingMarketLookup } from './size-answer'
import type { FieldError, SizeRequest } from './size-request'
import { sizeWarnings } from './size-warnings'
import { applySizeLimits, plainAmount } from './size-limits'
import type { MarginTier } from './tiers'
import { findTier, maintenanceMargin } from './tiers'
import {
  DEFAULT_LIQUIDATION_BUFFER_PERCENT,
  DEFAULT_TAKER_FEE,
  FORMULAS,
  VENUE_NAMES,
  resolveMarket,
} from './sizing-venue'

/** Computes every figure of the calculator for a parsed request (see parseSizeRequest). Never throws. */
export function calculateSize(r: SizeRequest, lookup: SizingMarketLookup): SizeAnswer | SizeErrorAnswer {
  const errors: FieldError[] = []
  const p = r.position
  const market = resolveMarket(
    lookup,
    r.venue,
    p.symbol,
    { rate: r.maintenanceMarginRate, amount: r.maintenanceAmount },
    'position.symbol',
    errors,
  )
  const feeRate = r.feeRate ?? DEFAULT_TAKER_FEE[r.venue].rate
  const equity = r.accountEquity ?? (r.marginMode === 'cross' ? r.walletBalance : undefined)
  const riskBudget =
    p.riskUsd ?? (p.riskPercent !== undefined && equity !== undefined ? (p.riskPercent / 100) * equity : null)
  const riskField = p.riskUsd !== undefined ? 'position.riskUsd' : 'position.riskPercent'
  // A lot typed in the request wins (the trader knows today's rule); else the market's from the tiers source.
  const lotInfo: SizeAnswer['lot'] =
    r.lotSize !== undefined
      ? // The venue's minimum order still holds under a typed step.
        {
          step: r.lotSize,
          min: market?.lot?.min ?? null,
          tick: market?.lot?.tick ?? null,
          source: 'request (lotSize)',
        }
      : market?.lot
        ? { ...market.lot, source: market.lotSource ?? 'market' }
        : null
  const lot = lotInfo?.step ?? null

  let quantity: number
  let sizing: RiskSizing | null = null
  let quantityField = 'position.quantity'
  if (p.quantity !== undefined) quantity = p.quantity
  else if (riskBudget !== null && p.stopPrice !== undefined) {
    sizing = sizeFromRisk({
      riskBudgetUsd: riskBudget,
      entryPrice: p.entryPrice,
      stopPrice: p.stopPrice,
      feeRate,
      lotSizeBase: lot,
    })
    quantity = sizing.quantityBase
    quantityField = riskField
  } else {
    // isolated margin and leverage fix the notional: margin × leverage
    const raw = ((r.walletBalance as number) * (p.leverage as number)) / p.entryPrice
    quantity = lot === null ? raw : roundDownToLot(raw, lot)
    quantityField = 'walletBalance'
  }
  if (!(quantity > 0))
    errors.push({
      field: quantityField,
      message: `gives a quantity below one lot (${lot}): nothing to trade`,
    })
  const limits =
    market && quantity > 0
      ? applySizeLimits({
          venueName: VENUE_NAMES[r.venue],
          symbol: p.symbol,
          settle: market.settle,
          quantity,
          quantityField,
          entryPrice: p.entryPrice,
          leverage: p.leverage ?? null,
          marketTiers: market.marketTiers,
          equityUsd: equity ?? null,
          lotStep: lot,
          acceptCappedSize: r.acceptCappedSize === true,
        })
      : null
  if (limits) {
    errors.push(...limits.errors)
    quantity = limits.quantity
  }
  const notional = quantity * p.entryPrice
  const entryTier = market ? findTier(market.tiers, notional) : null
  if (market && quantity > 0 && !entryTier && errors.length === 0) {
    const cap = market.tiers[market.tiers.length - 1]?.maxNotional ?? 0
    errors.push({
      field: quantityField,
      message: `this size is ${plainAmount(notional)} ${market.settle} of notional, above the largest tier's cap of ${plainAmount(cap)} ${market.settle} on ${p.symbol}`,
    })
  }

  let otherMm = 0
  let otherUpnl = 0
  if (r.marginMode === 'cross') {
    r.otherPositions?.forEach((o, i) => {
      const m = resolveMarket(
        lookup,
        r.venue,
        o.symbol,
        { rate: o.maintenanceMarginRate, amount: o.maintenanceAmount },
        `otherPositions[${i}].symbol`,
        errors,
      )
      if (!m) return
      const n = o.quantity * o.markPrice
      const tier = findTier(m.tiers, n)
      if (!tier)
        return void errors.push({
          field: `otherPositions[${i}].quantity`,
          message: `${plainAmount(n)} of notional is above the largest tier of ${o.symbol}`,
        })
      otherMm += maintenanceMargin(tier, n)
      otherUpnl += sideSign(o.side) * o.quantity * (o.markPrice - o.entryPrice)
    })
  }
  if (errors.length > 0 || !market || !entryTier) return { errors, warnings: [] }

  const initialMargin = p.leverage !== undefined ? notional / p.leverage : null
  const marginBalance =
    r.marginMode === 'cross' ? (r.walletBalance as number) : (r.walletBalance ?? (initialMargin as number))
  const liquidation = liquidationFor(r, quantity, marginBalance, otherMm, otherUpnl, market.tiers)
  const lp = liquidation.liquidationPrice
  if (liquidation.liquidatedAtEntry)
    return { errors: [wrongSideError(r, lp, marginBalance, market.settle)], warnings: [] }
  const stop = p.stopPrice ?? null
  const loss = stop === null ? null : lossAtStop(quantity, p.entryPrice, stop, feeRate)
  const atr = r.atr ?? null
  const usedTier = liquidation.tierAtLiquidation ?? entryTier

  return {
    venue: r.venue,
    liquidationFormula: FORMULAS[r.venue][r.marginMode],
    marginMode: r.marginMode,
    symbol: p.symbol,
    side: p.side,
    settleCurrency: market.settle,
    entryPrice: p.entryPrice,
    stopPrice: stop,
    quantity,
    lot: lotInfo,
    quantityContracts: quantity / market.contractSize,
    contractSize: market.contractSize,
    notional,
    leverage: p.leverage ?? null,
    initialMargin,
    marginBalance,
    tier: entryTier,
    liquidationPrice: lp,
    liquidationPriceReason: liquidation.reason,
    liquidationTier: liquidation.tierAtLiquidation,
    liquidationPriceWithEntryTier: liquidation.priceWithEntryTier,
    maintenanceMarginRate: usedTier.maintenanceMarginRate,
    maintenanceAmount: usedTier.maintenanceAmount,
    maintenanceMarginAtEntry: maintenanceMargin(entryTier, notional),
    sizing,
    riskBudget,
    lossAtStop: loss?.totalUsd ?? null,
    lossAtStopDetail: loss,
    feeRate,
    feeRateSource: r.feeRate !== undefined ? 'request' : DEFAULT_TAKER_FEE[r.venue].source,
    funding: fundingFor(r, notional),
    stopDistance: stop === null ? null : priceDistance(p.entryPrice, stop, atr),
    liquidationDistance: lp === null ? null : priceDistance(p.entryPrice, lp, atr),
    riskAdjusted: riskAdjustedSize({
      riskLevel: r.riskLevel ?? null,
      quantityBase: quantity,
      entryPrice: p.entryPrice,
      leverage: p.leverage ?? null,
      riskBudgetUsd: riskBudget,
      feeRate,
      lotSizeBase: lot,
    }),
    liquidationClusters: { value: null, reason: 'n/a: needs the liquidation heatmap model' },
    tiersSource: market.source,
    warnings: [
      ...(limits?.capped ?? []).map((message) => ({
        code: 'size-capped' as const,
        severity: 'caution' as const,
        message,
      })),
      ...sizeWarnings({
        side: p.side,
        marginMode: r.marginMode,
        stopPrice: stop,
        liquidation,
        bufferPercent: r.liquidationBufferPercent ?? DEFAULT_LIQUIDATION_BUFFER_PERCENT,
        initialMarginUsd: initialMargin,
        marginBalanceUsd: marginBalance,
        lossAtStopUsd: loss?.totalUsd ?? null,
        riskBudgetUsd: riskBudget,
        unroundedForLackOfLot: sizing !== null && lot === null,
        belowMinimumQuantity:
          lotInfo?.min != null && quantity < lotInfo.min - 1e-12 ? { quantity, min: lotInfo.min } : null,
        feeRateIsDefault: r.feeRate === undefined ? DEFAULT_TAKER_FEE[r.venue].source : null,
        otherPositionsIgnored: r.marginMode === 'isolated' && (r.otherPositions?.length ?? 0) > 0,
        derivedFormula:
          r.venue === 'bybit' && r.marginMode === 'cross'
            ? 'Bybit publishes no closed form for cross margin: the price solves margin balance = maintenance margin (its account MM rate reaching 100 %), without fees to close or collateral haircuts'
            : null,
      }),
    ],
    errors: [],
  }
}

/**
 * A liquidation price at or beyond the entry (above a long's, below a short's) means the margin cannot carry
 * the position: it would be liquidated on opening. No size is given for it.
 */
function wrongSideError(r: SizeRequest, lp: number | null, marginUsd: number, settle: string): FieldError {
  const p = r.position
  const where =
    lp === null
      ? `the ${plainAmount(marginUsd)} ${settle} of margin does not cover the maintenance margin at any price`
      : `the liquidation price ${plainAmount(lp)} is ${p.side === 'long' ? 'above' : 'below'} the ${p.side}'s entry ${plainAmount(p.entryPrice)}`
  return {
    field: p.leverage !== undefined ? 'position.leverage' : 'walletBalance',
    message: `${where}: the position would be liquidated as soon as it opens. Lower the leverage or add margin.`,
  }
}

function liquidationFor(
  r: SizeRequest,
  quantity: number,
  marginBalance: number,
  otherMm: number,
  otherUpnl: number,
  tiers: MarginTier[],
): LiquidationResult {
  const { side, entryPrice } = r.position
  if (r.venue === 'bybit' && r.marginMode === 'isolated')
    return bybitIsolatedLiquidation({
      side,
      quantityBase: quantity,
      entryPrice,
      positionMarginUsd: marginBalance,
      tiers,
    })
  return solveTieredLiquidation(
    {
      side,
      quantityBase: quantity,
      entryPrice,
      walletBalanceUsd: marginBalance,
      otherMaintenanceMarginUsd: otherMm,
      otherUnrealizedPnlUsd: otherUpnl,
    },
    tiers,
  )
}

function fundingFor(r: SizeRequest, notional: number): SizeAnswer['funding'] {
  if (r.fundingRatePerPeriod === undefined || r.fundingIntervalHours === undefined)
    return { value: null, reason: 'no funding rate given (fundingRatePerPeriod with fundingIntervalHours)' }
  if (r.holdingHours === undefined) return { value: null, reason: 'no holding time given (holdingHours)' }
  const f = fundingCost({
    side: r.position.side,
    notionalUsd: notional,
    fundingRatePerPeriod: r.fundingRatePerPeriod,
    fundingIntervalHours: r.fundingIntervalHours,
    holdingHours: r.holdingHours,
  })
  return {
    value: {
      ratePerPeriod: r.fundingRatePerPeriod,
      intervalHours: r.fundingIntervalHours,
      holdingHours: r.holdingHours,
      periods: f.periods,
      cost: f.costUsd,
    },
    reason: null,
  }
}
