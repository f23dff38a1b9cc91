/**
 * Every threshold, window and weight of the scoring engine in one place, so Settings can change them.
 * docs/methodology.md explains each default; keep both in step.
 */

import { VENUE_IDS } from '../market-event'

export type ReferenceAsset = 'BTC' | 'ETH'

export interface LsiWeights {
  fundingStress: number
  oiBuild: number
  liquidationProximity: number
  volatility: number
}

export interface CrowdingWeights {
  funding: number
  longShort: number
  basis: number
}

export interface ScoringConfig {
  // Funding
  /** Trailing window for the funding percentile and z-score. */
  fundingHistoryDays: number
  /** Minimum history before percentile / z-score / regime are reported. */
  fundingMinHistoryDays: number
  /** Percentile edges (0..1): ≤ p[0] Very Low, ≤ p[1] Low, < p[2] Typical, < p[3] High, else Very High (against its own history, whatever the sign). */
  fundingRegimePercentiles: [number, number, number, number]
  /** Spacing of the funding path samples used for trajectory (live estimates arrive every second). */
  fundingPathSampleMinutes: number
  /** Acceleration is expressed as the change of the rate per this many hours (8 h = the common quoting period). */
  fundingAccelReferenceHours: number
  /** Flag |acceleration| above this, in % (of the reference-period rate) per hour. */
  fundingAccelFlagPctPerHour: number
  // Open interest
  oiSampleMinutes: number
  /** Window of the OI regime and of the price x OI quadrant. */
  oiRegimeWindowHours: number
  /** |RoC| ≥ this (fraction) is Rising / Falling. */
  oiRegimeThreshold: number
  /** |RoC| ≥ this (fraction) is Rising Fast / Falling Fast. */
  oiRegimeFastThreshold: number
  /** |price change| below this (fraction) leaves the quadrant undetermined. */
  quadrantMinPriceChange: number
  /** Market capitalisation in USD per base asset ("BTC"); OI / market cap is n/a without it. */
  marketCapUsdByAsset: Record<string, number>
  oiMcapWindowDays: number
  oiMcapFlushSigma: number
  /** An OI drop of this fraction from its 24 h peak counts as a flush. */
  oiFlushDrawdown: number
  /** How long after a flush the market stays Post-Flush. */
  postFlushHours: number
  // Long / short
  longShortExtreme: number
  // Liquidations
  /** 5-min liquidations above this multiple of the 24 h average 5-min rate is a cascade. */
  cascadeMultiple: number
  /** ... and above this USD amount, so a quiet market's first liquidation is not a cascade. */
  cascadeMinUsd: number
  // VPIN
  vpinBucketsPerDay: number
  vpinWindowBuckets: number
  vpinClassification: 'aggressor' | 'bulk'
  /** Trading time used to estimate daily volume when no ADV is configured. */
  vpinBootstrapMinutes: number
  /** Average daily volume in base units per market key; overrides the estimate. */
  advBaseByMarket: Record<string, number>
  /** Number of past VPIN values for its CDF. */
  vpinCdfHistory: number
  /** CDF edges: < [0] low, < [1] medium, else high. */
  vpinCdfLevels: [number, number]
  /** BVC: bars whose price changes are classified, and how many bars estimate sigma. */
  bvcBarSeconds: number
  bvcSigmaBars: number
  // Basis
  basisSampleSeconds: number
  basisZWindowSamples: number
  basisZBand: number
  basisFastMaSamples: number
  basisSlowMaSamples: number
  /** Minimum samples for the OU half-life regression. */
  basisMinOuSamples: number
  /**
   * Venue whose spot market a perp's basis is measured against (e.g. 'coinbase' for a Binance perp); null pairs
   * with the perp's own venue family first, then any spot market of the same base (basis-pair.ts).
   */
  basisSpotVenue: string | null
  /** Where `basisSpotVenue` came from when set: the user's setting (absent) or the session's import option. */
  basisSpotVenueFrom?: 'session'
  depthBandsPct: number[]
  // Volatility
  volShortWindowMinutes: number
  volLongWindowMinutes: number
  volExpandRatio: number
  volContractRatio: number
  // Correlation
  referenceAsset: ReferenceAsset
  correlationWindowMinutes: number
  correlationMinPairs: number
  /** Correlation at or above this carries the reference's stress. */
  correlationHigh: number
  // Composites
  lsiWeights: LsiWeights
  /** OI growth over 24 h that maps to a full OI-build component. */
  oiBuildFullScale: number
  /** Liquidation USD within ±2 % as a fraction of OI that maps to a full proximity component. */
  liqProximityFullScaleOiFraction: number
  /**
   * A composite whose present inputs carry less than this share of its weight is partial: shown with its
   * coverage, no level word, not sufficient, never an alert trigger (docs/methodology.md#coverage).
   */
  minCompositeCoverage: number
  /** LSI edges: < [0] low, < [1] medium, else high. */
  lsiLevels: [number, number]
  /** Reference LSI at or above this is "stressed" for correlation carry-over. */
  referenceStressedLsi: number
  crowdingWeights: CrowdingWeights
  crowdedThreshold: number
  fragileThreshold: number
  squeezeThreshold: number
  tradeableThreshold: number
  /** |4 h return| above this (fraction) is a trend for Stable Trend. */
  trendMinReturn4h: number
  // Hysteresis and regime-shift events
  /** Fraction of a band's width a value must pass beyond an edge to change the label. */
  hysteresisMargin: number
  /** A setup tag or an event label (liquidation cascade) must hold this long before the change is emitted. */
  minDwellMs: number
  /**
   * A regime label (volatility, toxicity, funding, OI, basis, stress and risk levels, crowding side,
   * deleveraging) must hold this long, in event time, before it changes (docs/methodology.md#labels).
   */
  labelDwellMs: number
  /** Labels, tags and composites are re-evaluated at most this often per market (exchange time). */
  evalIntervalMs: number
  /**
   * A snapshot reuses a market's last evaluation while none of its inputs changed, and evaluates a quiet market
   * again at least this often (exchange time): how far a snapshot's windows may lag the clock. 0: never reuse.
   */
  snapshotReuseMs: number
  /** Samples of the stress index kept for "relative to itself". */
  selfHistoryHours: number
  /** Caps on buffered regime-shift records before drain. */
  maxPendingShifts: number
}

export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  fundingHistoryDays: 90,
  fundingMinHistoryDays: 7,
  fundingRegimePercentiles: [0.05, 0.25, 0.75, 0.95],
  fundingPathSampleMinutes: 5,
  fundingAccelReferenceHours: 8,
  fundingAccelFlagPctPerHour: 0.02,
  oiSampleMinutes: 5,
  oiRegimeWindowHours: 4,
  oiRegimeThreshold: 0.02,
  oiRegimeFastThreshold: 0.06,
  quadrantMinPriceChange: 0.002,
  marketCapUsdByAsset: {},
  oiMcapWindowDays: 30,
  oiMcapFlushSigma: 2,
  oiFlushDrawdown: 0.1,
  postFlushHours: 12,
  longShortExtreme: 1.5,
  cascadeMultiple: 5,
  cascadeMinUsd: 250_000,
  vpinBucketsPerDay: 50,
  vpinWindowBuckets: 50,
  vpinClassification: 'aggressor',
  vpinBootstrapMinutes: 30,
  advBaseByMarket: {},
  vpinCdfHistory: 1000,
  vpinCdfLevels: [0.5, 0.9],
  bvcBarSeconds: 60,
  bvcSigmaBars: 60,
  basisSampleSeconds: 60,
  basisZWindowSamples: 240,
  basisZBand: 2,
  basisFastMaSamples: 15,
  basisSlowMaSamples: 60,
  basisMinOuSamples: 30,
  basisSpotVenue: null,
  depthBandsPct: [0.5, 1, 2],
  volShortWindowMinutes: 60,
  volLongWindowMinutes: 1440,
  volExpandRatio: 1.25,
  volContractRatio: 0.8,
  referenceAsset: 'BTC',
  correlationWindowMinutes: 240,
  correlationMinPairs: 30,
  correlationHigh: 0.7,
  lsiWeights: { fundingStress: 0.3, oiBuild: 0.25, liquidationProximity: 0.25, volatility: 0.2 },
  oiBuildFullScale: 0.2,
  liqProximityFullScaleOiFraction: 0.05,
  minCompositeCoverage: 0.6,
  lsiLevels: [35, 65],
  referenceStressedLsi: 65,
  crowdingWeights: { funding: 0.5, longShort: 0.3, basis: 0.2 },
  crowdedThreshold: 50,
  fragileThreshold: 55,
  squeezeThreshold: 55,
  tradeableThreshold: 60,
  trendMinReturn4h: 0.01,
  hysteresisMargin: 0.2,
  minDwellMs: 60_000,
  labelDwellMs: 1_800_000,
  evalIntervalMs: 1_000,
  snapshotReuseMs: 5_000,
  selfHistoryHours: 720,
  maxPendingShifts: 10_000,
}

/** Settings may send a partial config; weights are merged field by field so one slider does not drop the others. */
export function resolveConfig(partial?: Partial<ScoringConfig>): ScoringConfig {
  const d = DEFAULT_SCORING_CONFIG
  if (!partial) return { ...d }
  const c: ScoringConfig = {
    ...d,
    ...partial,
    lsiWeights: { ...d.lsiWeights, ...partial.lsiWeights },
    crowdingWeights: { ...d.crowdingWeights, ...partial.crowdingWeights },
  }
  validateConfig(c)
  return c
}

function validateConfig(c: ScoringConfig): void {
  const bad = (field: string, why: string): never => {
    throw new Error(`scoring config: ${field} ${why}`)
  }
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'number' && !(Number.isFinite(v) && v >= 0))
      bad(k, `must be a finite number ≥ 0, got ${v}`)
  }
  for (const [k, w] of Object.entries(c.lsiWeights))
    if (!(w >= 0)) bad(`lsiWeights.${k}`, `must be ≥ 0, got ${w}`)
  const p = c.fundingRegimePercentiles
  for (let i = 1; i < p.length; i++)
    if (!(p[i]! > p[i - 1]!)) bad('fundingRegimePercentiles', 'must increase')
  if (c.vpinWindowBuckets < 1) bad('vpinWindowBuckets', 'must be ≥ 1')
  if (c.minCompositeCoverage > 1) bad('minCompositeCoverage', `must be ≤ 1, got ${c.minCompositeCoverage}`)
  if (c.volShortWindowMinutes >= c.volLongWindowMinutes)
    bad('volShortWindowMinutes', 'must be < volLongWindowMinutes')
  if (c.basisSpotVenue !== null && !(VENUE_IDS as readonly string[]).includes(c.basisSpotVenue))
    bad('basisSpotVenue', `must be a venue id (${VENUE_IDS.join(', ')}) or null, got ${c.basisSpotVenue}`)
  if (c.basisSpotVenueFrom !== undefined && c.basisSpotVenueFrom !== 'session')
    bad('basisSpotVenueFrom', `must be 'session' or absent, got ${String(c.basisSpotVenueFrom)}`)
}
