import type { FieldError } from './size-request'
import type { MarginTier } from './tiers'
import { roundDownToLot } from './risk-sizing'

/**
 * The limits a venue and an account put on a size, checked before any liquidation price is shown:
 * leverage above the venue's maximum, notional above what the chosen leverage allows (the venue's max
 * notional per tier), and margin above the account's equity. A size above a cap is refused with the capped
 * size it could take instead; with `acceptCappedSize` the capped size is used and the answer says so.
 */
export interface LimitInput {
  venueName: string
  symbol: string
  settle: string
  quantity: number
  /** Which input the quantity came from, so the error points at it. */
  quantityField: string
  entryPrice: number
  leverage: number | null
  /** The market's own tier table (leverage limits); null when only a user-given rate is known. */
  marketTiers: readonly MarginTier[] | null
  /** What the margin must fit in (cross: the wallet; isolated: the account equity); null when not given. */
  equityUsd: number | null
  lotStep: number | null
  acceptCappedSize: boolean
}

export interface LimitResult {
  quantity: number
  errors: FieldError[]
  /** Plain-words notes on each cap applied (accepted by the user). */
  capped: string[]
}

/** Amounts in messages: thousands separated, cents below 1,000, whole units above. */
export function plainAmount(v: number): string {
  const digits = Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 1 ? 2 : 6
  return v.toLocaleString('en-US', { maximumFractionDigits: digits })
}

export function plainLeverage(v: number): string {
  return `${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}×`
}

/** The highest leverage any tier allows; null when the table states none. */
export function maxLeverageOf(tiers: readonly MarginTier[]): number | null {
  const levs = tiers.map((t) => t.maxLeverage).filter((x): x is number => x !== null)
  return levs.length > 0 ? Math.max(...levs) : null
}

/** The largest notional a leverage may hold: the cap of the last tier whose maximum leverage admits it. */
export function maxNotionalAt(tiers: readonly MarginTier[], leverage: number): MarginTier | null {
  let last: MarginTier | null = null
  for (const t of tiers) {
    if (t.maxLeverage !== null && t.maxLeverage + 1e-9 < leverage) break
    last = t
  }
  return last
}

export function applySizeLimits(c: LimitInput): LimitResult {
  const errors: FieldError[] = []
  const capped: string[] = []
  const qtyText = (q: number) => `${plainAmount(q)} ${c.symbol.split('/')[0]}`
  const roundDown = (q: number) => (c.lotStep === null ? q : roundDownToLot(q, c.lotStep))
  let quantity = c.quantity
  /** Over a cap: take the capped size when accepted, else refuse, naming the capped size. */
  const overCap = (cappedQuantity: number, what: string, advice: string, extra = ''): void => {
    const q = roundDown(cappedQuantity)
    if (c.acceptCappedSize) {
      quantity = q
      capped.push(`size capped to ${qtyText(q)}: ${what}`)
    } else
      errors.push({
        field: c.quantityField,
        message: `${what}. ${advice}, or accept the capped size of ${qtyText(q)}${extra}.`,
      })
  }
  const tiers = c.marketTiers
  const top = tiers ? maxLeverageOf(tiers) : null

  if (c.leverage !== null && top !== null && c.leverage > top + 1e-9) {
    errors.push({
      field: 'position.leverage',
      message: `${plainLeverage(c.leverage)} is above the ${plainLeverage(top)} ${c.venueName} allows on ${c.symbol} at any size. Lower the leverage.`,
    })
    return { quantity, errors, capped }
  }

  // Notional cap for the chosen leverage (or, without one, the last tier's cap).
  if (tiers && tiers.length > 0) {
    const capTier = c.leverage !== null ? maxNotionalAt(tiers, c.leverage) : tiers[tiers.length - 1]!
    const notional = quantity * c.entryPrice
    if (capTier && notional > capTier.maxNotional * (1 + 1e-12)) {
      const at = c.leverage !== null ? `at ${plainLeverage(c.leverage)} ` : ''
      overCap(
        capTier.maxNotional / c.entryPrice,
        `this size is ${plainAmount(notional)} ${c.settle} of notional, but ${c.venueName} allows at most ${plainAmount(capTier.maxNotional)} ${c.settle} of ${c.symbol} ${at}(tier ${capTier.tier})`,
        `Lower the size${c.leverage !== null ? ' or the leverage' : ''}`,
      )
    }
  }

  // Margin against equity: with a leverage the margin is notional / leverage; without one, the leverage the
  // size implies on the equity must be one the venue allows for that notional.
  if (c.equityUsd !== null && errors.length === 0) {
    const equity = c.equityUsd
    const notional = quantity * c.entryPrice
    if (c.leverage !== null) {
      const lev = c.leverage
      const margin = notional / lev
      if (margin > equity * (1 + 1e-9)) {
        const q = roundDown((equity * lev) / c.entryPrice)
        overCap(
          q,
          `at ${plainLeverage(lev)} this size needs ${plainAmount(margin)} ${c.settle} of margin, more than the ${plainAmount(equity)} ${c.settle} equity`,
          'Lower the risk, widen the stop or raise the leverage',
          ` (margin ${plainAmount((q * c.entryPrice) / lev)} ${c.settle})`,
        )
      }
    } else if (tiers && tiers.length > 0) {
      const implied = notional / equity
      const tier = tiers.find((t) => notional <= t.maxNotional) ?? tiers[tiers.length - 1]!
      if (tier.maxLeverage !== null && implied > tier.maxLeverage + 1e-9)
        overCap(
          (equity * tier.maxLeverage) / c.entryPrice,
          `this size is ${plainAmount(notional)} ${c.settle} of notional on ${plainAmount(equity)} ${c.settle} equity (${plainLeverage(implied)}), above the ${plainLeverage(tier.maxLeverage)} ${c.venueName} allows at that size`,
          'Lower the risk or widen the stop',
        )
    }
  }
  return { quantity, errors, capped }
}
