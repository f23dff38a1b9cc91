import type { MetricId } from './metric-registry'

/**
 * Every numeric knob of the scoring config as Settings shows it: under the metric it tunes, named in words,
 * with its unit, what it does and the range it may take. A key is a config field, or `field.index` /
 * `field.sub` inside one (as settings.scoringOverrides stores them). Values are stored in the config's own
 * units; `scale` turns a stored value into the one a trader types (0.02 → 2 %).
 */
export interface KnobDef {
  /** The metric whose methodology section explains the knob; the knob is listed under it. */
  metric: MetricId
  name: string
  /** Unit of the typed value (after `scale`). */
  unit: string
  what: string
  /** Typed value = stored value × scale. */
  scale: number
  /** Bounds of the stored value (inclusive). */
  min: number
  max: number
  integer: boolean
}

type Spec = [metric: MetricId, name: string, unit: string, what: string, opts?: Partial<KnobDef>]

const PCT = { scale: 100, max: 1 } // a fraction typed in percent
const INT = { integer: true, min: 1 }
const SCORE = { max: 100 }

const SPECS: Record<string, Spec> = {
  fundingHistoryDays: [
    'funding-percentile',
    'History window',
    'd',
    'Trailing window for the funding percentile and z-score.',
    INT,
  ],
  fundingMinHistoryDays: [
    'funding-percentile',
    'Minimum history',
    'd',
    'History needed before percentile, z-score and regime are reported.',
    INT,
  ],
  'fundingRegimePercentiles.0': [
    'funding-percentile',
    'Very low at or below',
    'percentile',
    'Funding at or below this percentile of its history is Very Low.',
    PCT,
  ],
  'fundingRegimePercentiles.1': [
    'funding-percentile',
    'Low at or below',
    'percentile',
    'At or below this percentile (and above the last) is Low.',
    PCT,
  ],
  'fundingRegimePercentiles.2': [
    'funding-percentile',
    'High from',
    'percentile',
    'From this percentile funding is High; below it, Typical.',
    PCT,
  ],
  'fundingRegimePercentiles.3': [
    'funding-percentile',
    'Very high from',
    'percentile',
    'From this percentile funding is Very High.',
    PCT,
  ],
  fundingPathSampleMinutes: [
    'funding-accel',
    'Path sample spacing',
    'min',
    'Spacing of the funding samples the trajectory is read from (live estimates arrive every second).',
    INT,
  ],
  fundingAccelReferenceHours: [
    'funding-accel',
    'Quoting period',
    'h',
    'Acceleration is the change of the rate per this many hours (8 h is the common period).',
    { min: 0.0001 },
  ],
  fundingAccelFlagPctPerHour: [
    'funding-accel',
    'Flag acceleration above',
    '% per h',
    'Acceleration above this (percent of the period’s rate, per hour) is flagged.',
  ],
  oiSampleMinutes: [
    'oi-roc-4h',
    'Sample spacing',
    'min',
    'Spacing of the open-interest samples changes are measured on.',
    INT,
  ],
  oiRegimeWindowHours: [
    'oi-roc-4h',
    'Regime window',
    'h',
    'Window of the OI regime and of the price × OI quadrant.',
    { min: 0.0001 },
  ],
  oiRegimeThreshold: [
    'oi-roc-4h',
    'Rising / falling from',
    '%',
    'An OI change of at least this over the window is Rising or Falling.',
    PCT,
  ],
  oiRegimeFastThreshold: [
    'oi-roc-4h',
    'Rising / falling fast from',
    '%',
    'An OI change of at least this over the window is Rising Fast or Falling Fast.',
    PCT,
  ],
  quadrantMinPriceChange: [
    'oi-roc-4h',
    'Quadrant needs a price move of',
    '%',
    'A smaller price change over the window leaves the price × OI quadrant undetermined.',
    PCT,
  ],
  oiMcapWindowDays: [
    'oi-mcap-z',
    'Window',
    'd',
    'History of OI / market cap its z-score is measured against.',
    INT,
  ],
  oiMcapFlushSigma: [
    'oi-mcap-z',
    'Flush at',
    'σ',
    'A drop of OI / market cap by this many standard deviations is a flush.',
  ],
  oiFlushDrawdown: [
    'oi-drawdown-24h',
    'Flush drawdown',
    '%',
    'An OI drop of this much from its 24 h peak counts as a flush.',
    PCT,
  ],
  postFlushHours: [
    'oi-drawdown-24h',
    'Post-flush lasts',
    'h',
    'How long after a flush the market stays Post-Flush.',
  ],
  longShortExtreme: [
    'ls-global',
    'Extreme ratio',
    'longs per short',
    'A long/short account ratio at or above this (or at or below its inverse) is extreme.',
    { min: 1 },
  ],
  cascadeMultiple: [
    'liq-long-5m',
    'Cascade multiple',
    '× 24 h average',
    '5-minute liquidations above this multiple of the 24 h average 5-minute rate are a cascade.',
  ],
  cascadeMinUsd: [
    'liq-long-5m',
    'Cascade minimum',
    'USD',
    '… and above this amount, so a quiet market’s first liquidation is not a cascade.',
  ],
  vpinBucketsPerDay: [
    'vpin',
    'Buckets per day',
    'buckets',
    'A volume bucket is the average daily volume divided by this.',
    INT,
  ],
  vpinWindowBuckets: [
    'vpin',
    'Window',
    'buckets',
    'VPIN is the mean order imbalance over this many buckets.',
    INT,
  ],
  vpinBootstrapMinutes: [
    'vpin',
    'Volume estimate from',
    'min',
    'Trading time used to estimate daily volume when the venue gives none.',
    INT,
  ],
  bvcBarSeconds: [
    'vpin',
    'Bulk classification bar',
    's',
    'Bars whose price changes classify volume as buys or sells (bulk classification).',
    INT,
  ],
  bvcSigmaBars: [
    'vpin',
    'Bulk classification σ from',
    'bars',
    'Bars that estimate the price-change standard deviation for bulk classification.',
    INT,
  ],
  vpinCdfHistory: [
    'vpin-cdf',
    'History',
    'values',
    'Past VPIN values its percentile (CDF) is read against.',
    INT,
  ],
  'vpinCdfLevels.0': [
    'vpin-cdf',
    'Medium from',
    'percentile',
    'Toxicity is medium from this percentile of past VPIN values.',
    PCT,
  ],
  'vpinCdfLevels.1': ['vpin-cdf', 'High from', 'percentile', 'Toxicity is high from this percentile.', PCT],
  basisSampleSeconds: ['basis-z', 'Sample spacing', 's', 'Spacing of the basis samples.', INT],
  basisZWindowSamples: [
    'basis-z',
    'Z-score window',
    'samples',
    'Samples the basis z-score is measured over.',
    INT,
  ],
  basisZBand: ['basis-z', 'Band', 'σ', 'A basis z-score beyond ± this is above or below band.'],
  basisMinOuSamples: [
    'basis-half-life',
    'Half-life needs',
    'samples',
    'Samples needed before the mean-reversion half-life is estimated.',
    INT,
  ],
  basisFastMaSamples: [
    'basis-ma-fast',
    'Fast average',
    'samples',
    'Length of the fast moving average of the basis.',
    INT,
  ],
  basisSlowMaSamples: [
    'basis-ma-fast',
    'Slow average',
    'samples',
    'Length of the slow moving average; the fast one crossing it is a cross.',
    INT,
  ],
  'depthBandsPct.0': [
    'depth-ratio-0p5',
    'Depth band 1',
    '% from mid',
    'Bid/ask depth is compared within this distance of the mid price.',
    { max: 100 },
  ],
  'depthBandsPct.1': ['depth-ratio-0p5', 'Depth band 2', '% from mid', 'The second band.', { max: 100 }],
  'depthBandsPct.2': ['depth-ratio-0p5', 'Depth band 3', '% from mid', 'The third band.', { max: 100 }],
  volShortWindowMinutes: [
    'vol-ratio',
    'Short window',
    'min',
    'Window of the short-term realized volatility (must be shorter than the long one).',
    INT,
  ],
  volLongWindowMinutes: [
    'vol-ratio',
    'Long window',
    'min',
    'Window of the long-term realized volatility.',
    INT,
  ],
  volExpandRatio: [
    'vol-ratio',
    'Expanding from',
    '× (short / long)',
    'Short over long volatility at or above this is Expanding.',
  ],
  volContractRatio: [
    'vol-ratio',
    'Contracting below',
    '× (short / long)',
    'Short over long volatility below this is Contracting.',
  ],
  correlationWindowMinutes: [
    'corr-ref',
    'Window',
    'min',
    'Window of the correlation with the reference asset.',
    INT,
  ],
  correlationMinPairs: [
    'corr-ref',
    'Needs',
    'return pairs',
    'Paired returns needed before the correlation is reported.',
    INT,
  ],
  correlationHigh: [
    'corr-ref',
    'High from',
    'correlation',
    'At or above this correlation a market carries the reference asset’s stress.',
    { max: 1 },
  ],
  referenceStressedLsi: [
    'corr-ref',
    'Reference stressed from',
    'score 0–100',
    'The reference asset’s stress index at or above this is carried to correlated markets.',
    SCORE,
  ],
  'lsiWeights.fundingStress': [
    'lsi',
    'Weight: funding stress',
    'weight',
    'Share of the stress index from funding stress (weights are normalised to their sum).',
  ],
  'lsiWeights.oiBuild': ['lsi', 'Weight: OI build-up', 'weight', 'Share from open-interest build-up.'],
  'lsiWeights.liquidationProximity': [
    'lsi',
    'Weight: liquidation proximity',
    'weight',
    'Share from liquidations estimated near the price.',
  ],
  'lsiWeights.volatility': ['lsi', 'Weight: volatility', 'weight', 'Share from volatility expansion.'],
  oiBuildFullScale: [
    'lsi-c-oi',
    'Full OI build-up at',
    '% in 24 h',
    'OI growth over 24 h that gives the full OI build-up component.',
    { scale: 100 },
  ],
  liqProximityFullScaleOiFraction: [
    'lsi-c-liq',
    'Full proximity at',
    '% of OI',
    'Estimated liquidations within ± 2 % as a share of OI that give the full proximity component.',
    PCT,
  ],
  minCompositeCoverage: [
    'lsi',
    'Partial below',
    '% of weight',
    'A composite whose present inputs carry less than this share of its weight is partial: no level, never an alert.',
    PCT,
  ],
  'lsiLevels.0': ['lsi', 'Medium from', 'score 0–100', 'The stress index is medium from this score.', SCORE],
  'lsiLevels.1': ['lsi', 'High from', 'score 0–100', 'The stress index is high from this score.', SCORE],
  selfHistoryHours: [
    'lsi-self-pct',
    'History',
    'h',
    'Hours of the market’s own stress samples “vs own history” ranks against.',
    INT,
  ],
  'crowdingWeights.funding': ['crowding', 'Weight: funding', 'weight', 'Share of crowding from funding.'],
  'crowdingWeights.longShort': [
    'crowding',
    'Weight: long / short',
    'weight',
    'Share of crowding from the long/short ratio.',
  ],
  'crowdingWeights.basis': ['crowding', 'Weight: basis', 'weight', 'Share of crowding from the basis.'],
  crowdedThreshold: [
    'crowding',
    'Crowded from',
    'score 0–100',
    'A crowding score at or beyond ± this is Crowded.',
    SCORE,
  ],
  fragileThreshold: [
    'fragility',
    'Fragile from',
    'score 0–100',
    'A fragility score at or above this is Fragile.',
    SCORE,
  ],
  squeezeThreshold: [
    'squeeze-long',
    'Squeeze from',
    'score 0–100',
    'A squeeze score at or above this tags a squeeze setup.',
    SCORE,
  ],
  tradeableThreshold: [
    'tradeability',
    'Tradeable from',
    'score 0–100',
    'A tradeability score at or above this tags the market tradeable.',
    SCORE,
  ],
  trendMinReturn4h: [
    'tradeability',
    'Trend from',
    '% in 4 h',
    'A 4 h return beyond ± this is a trend (Stable Trend tag).',
    PCT,
  ],
  hysteresisMargin: [
    'setup-tag',
    'Hysteresis',
    '% of band width',
    'How far past a band’s edge a value must go to change its label.',
    PCT,
  ],
  minDwellMs: [
    'setup-tag',
    'Tag dwell',
    's',
    'A setup tag or the cascade label must hold this long before the change is announced.',
    { scale: 0.001 },
  ],
  labelDwellMs: [
    'setup-tag',
    'Regime dwell',
    'min',
    'A regime label (volatility, toxicity, funding, OI, basis, stress, risk, crowding) must hold this long, in market time, before it changes.',
    { scale: 1 / 60_000 },
  ],
  evalIntervalMs: [
    'setup-tag',
    'Re-evaluate every',
    'ms',
    'Labels, tags and composites are re-evaluated at most this often per market (market time).',
    INT,
  ],
  snapshotReuseMs: [
    'setup-tag',
    'Quiet market re-evaluated every',
    'ms',
    'A market that took no event is evaluated again at least this often (market time); its figures may lag the clock by up to this much. 0: every snapshot.',
    { integer: true },
  ],
  maxPendingShifts: [
    'setup-tag',
    'Pending changes kept',
    'changes',
    'Regime changes buffered before the oldest are dropped.',
    INT,
  ],
}

export const KNOBS: Record<string, KnobDef> = Object.fromEntries(
  Object.entries(SPECS).map(([key, [metric, name, unit, what, o]]) => [
    key,
    { metric, name, unit, what, scale: 1, min: 0, max: Infinity, integer: false, ...o },
  ]),
)
