import type { ScoringConfig } from '../config'
import type { Signals } from './signals'

const HIGH = ['High', 'Very High']
const LOW = ['Low', 'Very Low']

/*
 * The funding regime ranks the rate against its own history, whatever its sign: a low-regime rate is usually
 * still positive (longs pay). A sentence that says funding "is negative" or "positive" needs the sign as well.
 */
const negativeAndLow = (s: Signals): boolean =>
  (s.funding.ratePerHour ?? 0) < 0 && LOW.includes(s.funding.regime ?? '')
const positiveAndHigh = (s: Signals): boolean =>
  (s.funding.ratePerHour ?? 0) > 0 && HIGH.includes(s.funding.regime ?? '')

/** Two signals that disagree, in plain sentences; each rule reads the debounced labels so sentences do not flap. */
export const CONTRADICTIONS: {
  id: string
  when: (s: Signals, cfg: ScoringConfig) => boolean
  text: string
}[] = [
  {
    id: 'funding-extreme-oi-falling',
    when: (s) =>
      s.funding.regime === 'Very High' &&
      (s.funding.ratePerHour ?? 0) > 0 &&
      (s.oi.regime === 'Falling' || s.oi.regime === 'Falling Fast'),
    text: 'Funding extreme positive but OI falling: the crowd is unwinding',
  },
  {
    id: 'oi-fast-funding-neutral',
    when: (s) => s.oi.regime === 'Rising Fast' && s.funding.regime === 'Typical',
    text: 'OI rising fast while funding is typical: stealth leverage build-up',
  },
  {
    id: 'price-up-funding-negative',
    when: (s, cfg) => (s.oi.priceChange ?? 0) >= cfg.trendMinReturn4h && negativeAndLow(s),
    text: 'Price rising while funding is negative: shorts are fighting the move (squeeze fuel)',
  },
  {
    id: 'price-down-funding-positive',
    when: (s, cfg) => (s.oi.priceChange ?? 0) <= -cfg.trendMinReturn4h && positiveAndHigh(s),
    text: 'Price falling while funding stays positive: longs are adding into the drop',
  },
  {
    id: 'accounts-long-funding-negative',
    when: (s, cfg) => (s.lsRatio ?? 1) >= cfg.longShortExtreme && negativeAndLow(s),
    text: 'Accounts lean long while funding is negative: the size sits on the short side',
  },
  {
    id: 'crowd-long-top-short',
    when: (s, cfg) =>
      (s.lsRatio ?? 1) >= cfg.longShortExtreme && s.topPositionsRatio !== null && s.topPositionsRatio < 1,
    text: 'The crowd is long but top traders are net short: the large accounts take the other side',
  },
  {
    id: 'toxic-flow-vol-contracting',
    when: (s) => s.vpinLevel === 'high' && s.volRegime === 'contracting',
    text: 'Order flow is toxic while volatility contracts: informed flow ahead of a move',
  },
  {
    id: 'basis-discount-funding-positive',
    when: (s) => (s.basis.z ?? 0) < 0 && (s.basis.bps ?? 0) < 0 && positiveAndHigh(s),
    text: 'Perp trades below spot while funding is positive: funding is likely to fall',
  },
  {
    id: 'long-cascade-oi-rising',
    when: (s) =>
      s.liq.cascade === 'long-cascade' && (s.oi.regime === 'Rising' || s.oi.regime === 'Rising Fast'),
    text: 'Longs are being liquidated while OI still rises: new longs are catching the fall',
  },
]

export function contradictions(s: Signals, cfg: ScoringConfig): string[] {
  return CONTRADICTIONS.filter((c) => c.when(s, cfg)).map((c) => c.text)
}
