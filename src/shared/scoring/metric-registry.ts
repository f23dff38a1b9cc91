/**
 * The one registry of metrics: every id the engine publishes (and the few the screens derive) with its name,
 * what it means in a trader's words, the unit it is shown in, how it is formatted, its window and its section
 * of docs/methodology.md. The radar, chart legend, settings, alerts, journal and docs read it, so a metric id
 * typed wrong fails to compile and every number can show its unit. The windows mirror DEFAULT_SCORING_CONFIG.
 */

/**
 * How a value is shown. The engine publishes fractions for percentages; `displayScale` turns a stored value
 * into the number a trader types and reads (0.0123 → 1.23 for `pct`).
 */
export type MetricFormat =
  | 'pct'
  | 'pct-signed'
  | 'rate'
  | 'pct-per-hour'
  | 'percentile'
  | 'usd'
  | 'usd-per-hour'
  | 'bps'
  | 'sigma'
  | 'ratio'
  | 'count'
  | 'score'
  | 'level01'
  | 'level02'
  | 'hours'
  | 'minutes'
  | 'price'
  | 'age'
  | 'label'

interface FormatSpec {
  /** Stored value × displayScale = the number shown and typed. */
  displayScale: number
  /** Unit shown after a typed threshold, e.g. "%" for a fraction shown as a percent. */
  inputUnit: string
  /** False for formats that are not numbers a rule can compare (labels, ages). */
  numeric: boolean
}

export const FORMAT_SPECS: Record<MetricFormat, FormatSpec> = {
  pct: { displayScale: 100, inputUnit: '%', numeric: true },
  'pct-signed': { displayScale: 100, inputUnit: '%', numeric: true },
  rate: { displayScale: 100, inputUnit: '%', numeric: true },
  'pct-per-hour': { displayScale: 1, inputUnit: '%/h', numeric: true },
  percentile: { displayScale: 100, inputUnit: 'percentile (0–100)', numeric: true },
  usd: { displayScale: 1, inputUnit: 'USD', numeric: true },
  'usd-per-hour': { displayScale: 1, inputUnit: 'USD/h', numeric: true },
  bps: { displayScale: 1, inputUnit: 'bps', numeric: true },
  sigma: { displayScale: 1, inputUnit: 'σ', numeric: true },
  ratio: { displayScale: 1, inputUnit: '× (ratio)', numeric: true },
  count: { displayScale: 1, inputUnit: 'count', numeric: true },
  score: { displayScale: 1, inputUnit: 'score', numeric: true },
  level01: { displayScale: 1, inputUnit: '0–1', numeric: true },
  level02: { displayScale: 1, inputUnit: 'level 0–2', numeric: true },
  hours: { displayScale: 1, inputUnit: 'h', numeric: true },
  minutes: { displayScale: 1, inputUnit: 'min', numeric: true },
  price: { displayScale: 1, inputUnit: 'price', numeric: true },
  age: { displayScale: 1, inputUnit: 'ms', numeric: false },
  label: { displayScale: 1, inputUnit: '', numeric: false },
}

export interface MetricDef {
  name: string
  what: string
  /** The unit the value is shown in. */
  unit: string
  format: MetricFormat
  window: string
}

const m = (format: MetricFormat, name: string, what: string, unit: string, window: string): MetricDef => ({
  name,
  what,
  unit,
  format,
  window,
})

const METRICS = {
  lsi: m(
    'score',
    'Leverage Stress Index',
    'Weighted blend of funding stress, OI build-up, liquidation proximity and volatility; carries the reference asset’s stress when highly correlated. Partial (no value, no level) when the inputs present carry under 60 % of the weight. A ranking, not a probability: on hours it never saw (BTC, Apr–Jun 2026) it ranked the next 4 h’s long-liquidation spikes at AUC 0.58 (95 % 0.48–0.67), not clearly better than chance.',
    'score 0–100',
    'current; components use their own windows',
  ),
  'lsi-own': m(
    'score',
    'Own stress index',
    'The stress index from this market’s own components only.',
    'score 0–100',
    'current',
  ),
  'lsi-self-pct': m(
    'percentile',
    'Stress vs own history',
    'Where today’s stress index sits among this market’s own hourly samples.',
    'percentile of own history',
    '30 d of hourly samples',
  ),
  'lsi-c-funding': m(
    'level01',
    'LSI: funding stress',
    'Funding component of the stress index.',
    '0–1',
    '90 d percentile',
  ),
  'lsi-c-oi': m(
    'level01',
    'LSI: OI build',
    'Open-interest growth component of the stress index.',
    '0–1',
    '24 h',
  ),
  'lsi-c-liq': m(
    'level01',
    'LSI: liquidation proximity',
    'Estimated liquidations within ±2 % as a share of OI.',
    '0–1',
    'current map',
  ),
  'lsi-c-vol': m(
    'level01',
    'LSI: volatility',
    'Short vs long volatility component of the stress index.',
    '0–1',
    '1 h vs 24 h',
  ),
  'funding-rate': m(
    'rate',
    'Funding rate',
    'Current (predicted) funding rate per funding period.',
    '% per funding period',
    'next funding',
  ),
  'funding-rate-per-hour': m(
    'rate',
    'Funding per hour',
    'Funding rate normalised to one hour.',
    '% per hour',
    'current',
  ),
  'funding-apr': m(
    'pct',
    'Funding APR',
    'Funding annualised from the per-hour rate (× 8,760).',
    '% per year (APR)',
    'current rate',
  ),
  'funding-interval': m('hours', 'Funding interval', 'The market’s own funding period.', 'hours', '—'),
  'funding-percentile': m(
    'percentile',
    'Funding percentile',
    'Time-weighted rank of the current rate in its own history.',
    'percentile of own history',
    '90 d (min 7 d)',
  ),
  'funding-zscore': m('sigma', 'Funding z-score', 'Distance of the current rate from its mean.', 'σ', '90 d'),
  'funding-traj-4h': m(
    'rate',
    'Funding trajectory 4 h',
    'Change of the hourly rate over 4 h.',
    '% per hour',
    '4 h',
  ),
  'funding-traj-8h': m(
    'rate',
    'Funding trajectory 8 h',
    'Change of the hourly rate over 8 h.',
    '% per hour',
    '8 h',
  ),
  'funding-traj-24h': m(
    'rate',
    'Funding trajectory 24 h',
    'Change of the hourly rate over 24 h.',
    '% per hour',
    '24 h',
  ),
  'funding-accel': m(
    'pct-per-hour',
    'Funding acceleration',
    'Speed of the funding change, % of an 8 h rate per hour.',
    '% of an 8 h rate per hour',
    '4 h path',
  ),
  'funding-persistence': m(
    'hours',
    'Funding persistence',
    'How long funding has kept its sign.',
    'hours',
    'since last sign change',
  ),
  'funding-spend': m(
    'usd-per-hour',
    'Funding spend',
    'USD paid per hour by the paying side (OI × hourly rate).',
    'USD per hour',
    'current',
  ),
  'funding-diff-venues': m(
    'rate',
    'Funding spread across venues',
    'This venue’s hourly rate minus the others’ for the same asset.',
    '% per hour',
    'current',
  ),
  'oi-contracts': m('count', 'Open interest (contracts)', 'Outstanding contracts.', 'contracts', 'latest'),
  'oi-usd': m('usd', 'Open interest', 'Outstanding notional.', 'USD', 'latest'),
  'oi-roc-4h': m('pct-signed', 'OI change 4 h', 'Rate of change of open interest.', '%', '4 h'),
  'oi-roc-24h': m('pct-signed', 'OI change 24 h', 'Rate of change of open interest.', '%', '24 h'),
  'oi-roc-7d': m('pct-signed', 'OI change 7 d', 'Rate of change of open interest.', '%', '7 d'),
  'oi-drawdown-24h': m(
    'pct',
    'OI drawdown',
    'Fall of OI from its 24 h peak; a flush when ≥ 10 %.',
    '%',
    '24 h',
  ),
  'oi-mcap': m(
    'pct',
    'OI / market cap',
    'Open interest as a share of the asset’s market cap (set in Settings).',
    '%',
    'latest',
  ),
  'oi-mcap-z': m(
    'sigma',
    'OI / market cap z',
    'OI / market cap vs its own history; ≥ 2σ is flush risk.',
    'σ',
    '30 d',
  ),
  'oi-change-vs-vol': m(
    'ratio',
    'OI change vs volatility',
    'OI change relative to the move volatility predicts.',
    'ratio',
    '4 h',
  ),
  'ls-global': m(
    'ratio',
    'Long/short (accounts)',
    'Share of accounts net long over net short.',
    'ratio',
    'latest 5 min',
  ),
  'ls-top-accounts': m(
    'ratio',
    'Top-trader accounts L/S',
    'Long/short of the venue’s top traders by account.',
    'ratio',
    'latest 5 min',
  ),
  'ls-top-positions': m(
    'ratio',
    'Top-trader positions L/S',
    'Long/short of the venue’s top traders by position size.',
    'ratio',
    'latest 5 min',
  ),
  'liq-long-5m': m('usd', 'Long liquidations 5 m', 'Realized long liquidations.', 'USD', '5 min'),
  'liq-short-5m': m('usd', 'Short liquidations 5 m', 'Realized short liquidations.', 'USD', '5 min'),
  'liq-long-1h': m('usd', 'Long liquidations 1 h', 'Realized long liquidations.', 'USD', '1 h'),
  'liq-short-1h': m('usd', 'Short liquidations 1 h', 'Realized short liquidations.', 'USD', '1 h'),
  'liq-long-24h': m('usd', 'Long liquidations 24 h', 'Realized long liquidations.', 'USD', '24 h'),
  'liq-short-24h': m('usd', 'Short liquidations 24 h', 'Realized short liquidations.', 'USD', '24 h'),
  vpin: m(
    'level01',
    'VPIN',
    'Volume-synchronised probability of informed trading: order-flow imbalance per volume bucket.',
    'fraction 0–1',
    '50 buckets (≈ 1 day of volume)',
  ),
  'vpin-cdf': m(
    'percentile',
    'VPIN CDF',
    'Rank of the current VPIN among its past values; ≥ 0.9 is high toxicity.',
    'percentile of own history',
    'last 1,000 values',
  ),
  'vpin-buckets': m('count', 'VPIN buckets', 'Volume buckets completed so far.', 'buckets', 'session'),
  'vpin-bucket-size': m(
    'count',
    'VPIN bucket size',
    'Base volume per bucket (daily volume / 50).',
    'base units',
    'estimated daily volume',
  ),
  'basis-bps': m('bps', 'Basis', 'Perp mid minus spot mid, over spot.', 'bps', 'latest'),
  'basis-apr': m('pct-signed', 'Basis APR', 'Basis annualised.', '% per year (APR)', 'latest'),
  'basis-z': m(
    'sigma',
    'Basis z-score',
    'Basis vs its rolling mean; beyond ±2σ is out of band.',
    'σ',
    '240 one-minute samples',
  ),
  'basis-ma-fast': m('bps', 'Basis fast MA', 'Moving average of the basis.', 'bps', '15 samples'),
  'basis-ma-slow': m('bps', 'Basis slow MA', 'Moving average of the basis.', 'bps', '60 samples'),
  'basis-half-life': m(
    'minutes',
    'Basis half-life',
    'Mean-reversion half-life of the basis (AR(1) fit).',
    'minutes',
    '≥ 30 samples',
  ),
  'depth-ratio-0p5': m(
    'ratio',
    'Depth ratio ±0.5 %',
    'Bid USD over ask USD within ±0.5 % of mid.',
    'ratio',
    'latest book',
  ),
  'depth-ratio-1': m(
    'ratio',
    'Depth ratio ±1 %',
    'Bid USD over ask USD within ±1 % of mid.',
    'ratio',
    'latest book',
  ),
  'depth-ratio-2': m(
    'ratio',
    'Depth ratio ±2 %',
    'Bid USD over ask USD within ±2 % of mid.',
    'ratio',
    'latest book',
  ),
  'vol-short': m(
    'pct',
    'Volatility 1 h',
    'Realized volatility of one-minute returns, annualised.',
    '% per year',
    '60 min',
  ),
  'vol-long': m(
    'pct',
    'Volatility 24 h',
    'Realized volatility of one-minute returns, annualised.',
    '% per year',
    '24 h',
  ),
  'vol-ratio': m(
    'ratio',
    'Volatility ratio',
    'Short over long volatility; > 1.25 expanding, < 0.8 contracting.',
    'ratio',
    '1 h / 24 h',
  ),
  'corr-ref': m(
    'ratio',
    'Correlation to reference',
    'Correlation of one-minute returns with BTC (or the reference asset).',
    'correlation −1..1',
    '240 min',
  ),
  'liq-prox-above-price': m(
    'price',
    'Nearest cluster above',
    'Price of the nearest estimated short-liquidation cluster above.',
    'price',
    'current map',
  ),
  'liq-prox-above-usd': m(
    'usd',
    'Cluster above (size)',
    'Estimated USD at the nearest cluster above.',
    'USD',
    'current map',
  ),
  'liq-prox-below-price': m(
    'price',
    'Nearest cluster below',
    'Price of the nearest estimated long-liquidation cluster below.',
    'price',
    'current map',
  ),
  'liq-prox-below-usd': m(
    'usd',
    'Cluster below (size)',
    'Estimated USD at the nearest cluster below.',
    'USD',
    'current map',
  ),
  'liq-prox-1pct-usd': m(
    'usd',
    'Liquidations within ±1 %',
    'Estimated USD that a 1 % move either way would liquidate.',
    'USD',
    'current map',
  ),
  'liq-prox-2pct-usd': m(
    'usd',
    'Liquidations within ±2 %',
    'Estimated USD that a 2 % move either way would liquidate.',
    'USD',
    'current map',
  ),
  crowding: m(
    'score',
    'Crowding',
    'How one-sided positioning is: −100 crowded shorts, +100 crowded longs (funding, L/S, basis).',
    'score −100..100',
    'current',
  ),
  fragility: m(
    'score',
    'Fragility',
    'Half crowding, half leverage / toxicity / liquidation proximity.',
    'score 0–100',
    'current',
  ),
  'squeeze-long': m(
    'score',
    'Long squeeze risk',
    'Crowded longs times how close a trigger is.',
    'score 0–100',
    'current',
  ),
  'squeeze-short': m(
    'score',
    'Short squeeze risk',
    'Crowded shorts times how close a trigger is.',
    'score 0–100',
    'current',
  ),
  tradeability: m(
    'score',
    'Tradeability',
    '100 minus frictions: toxicity, volatility, book imbalance, funding stress, cascades.',
    'score 0–100',
    'current',
  ),
  'pillar-liquidation': m(
    'level02',
    'Pillar: liquidation clusters',
    'Density of estimated liquidations near price.',
    'level low/medium/high',
    'current map',
  ),
  'pillar-funding': m(
    'level02',
    'Pillar: funding trajectory',
    'Funding regime and acceleration.',
    'level low/medium/high',
    '4 h path, 90 d regime',
  ),
  'pillar-toxicity': m(
    'level02',
    'Pillar: order-flow toxicity',
    'VPIN level.',
    'level low/medium/high',
    'VPIN window',
  ),
  'risk-pillars': m(
    'level02',
    'Composite risk',
    'Mean of the available pillars (low 0, medium 1, high 2).',
    'level 0–2',
    'current',
  ),
  'price-change-24h': m('pct-signed', '24 h change', 'Last price vs the price 24 h earlier.', '%', '24 h'),
  'cluster-distance': m(
    'pct',
    'Nearest cluster',
    'Distance from the last price to the nearest estimated liquidation cluster.',
    '% from last price',
    'current map',
  ),
  freshness: m(
    'age',
    'Data freshness',
    'Age of the newest event for this market, on the engine’s clock (session time in replay).',
    'time',
    '—',
  ),
  market: m(
    'label',
    'Market',
    'Symbol and venue of a perpetual. A spot market is not ranked on its own: its price feeds the basis column of its perp.',
    'symbol · venue',
    '—',
  ),
  'last-price': m(
    'price',
    'Last price',
    'Price of the newest trade, at the market’s tick size.',
    'quote currency',
    'latest trade',
  ),
  'setup-tag': m(
    'label',
    'Setup tag',
    'Named setup the signals currently fit (debounced).',
    'label',
    'current',
  ),
} satisfies Record<string, MetricDef>

/** A metric id the registry knows; a typo in a literal id fails to compile. */
export type MetricId = keyof typeof METRICS

export const METRIC_IDS = Object.keys(METRICS) as MetricId[]

export function isMetricId(id: string): id is MetricId {
  return Object.prototype.hasOwnProperty.call(METRICS, id)
}

export function metricDef(id: MetricId): MetricDef {
  return METRICS[id]
}

export const METHODOLOGY_DOC = 'docs/methodology.md'

/** Display-only ids that have no section of their own point at the section they derive from. */
const ANCHOR_OF: Partial<Record<string, string>> = {
  'cluster-distance': 'liq-prox-above-price',
  'setup-tag': 'setup-tags',
  freshness: 'general-rules',
  market: 'general-rules',
  'last-price': 'general-rules',
}

export function methodologyAnchor(id: string): string {
  return ANCHOR_OF[id] ?? id
}

export function methodologyHref(id: string): string {
  return `${METHODOLOGY_DOC}#${methodologyAnchor(id)}`
}

/** Labels (regimes) explained by the metric they come from. */
const LABEL_TO_METRIC = {
  'funding-regime': 'funding-percentile',
  'oi-regime': 'oi-roc-4h',
  'oi-quadrant': 'oi-roc-4h',
  'vpin-level': 'vpin-cdf',
  'basis-band': 'basis-z',
  'vol-regime': 'vol-ratio',
  'lsi-level': 'lsi',
  'risk-level': 'risk-pillars',
  'crowding-side': 'crowding',
  'ls-extreme': 'ls-global',
  'oi-mcap-flush': 'oi-mcap-z',
  'liq-cascade': 'liq-long-5m',
  'basis-ma-cross': 'basis-ma-fast',
  deleveraging: 'oi-drawdown-24h',
} as const satisfies Record<string, MetricId>

/** A categorical label the engine publishes (a regime), explained by the metric it comes from. */
export type LabelId = keyof typeof LABEL_TO_METRIC

/** Anything a tooltip can explain: a metric or a label. */
export type ExplainedId = MetricId | LabelId

/** The definition for a metric or label id; an id the registry does not know reads as itself. */
export function metricInfo(id: string): MetricDef {
  if (isMetricId(id)) return METRICS[id]
  if (Object.prototype.hasOwnProperty.call(LABEL_TO_METRIC, id))
    return METRICS[LABEL_TO_METRIC[id as LabelId]]
  return m('label', id, 'See the methodology.', '—', '—')
}

/** Metric ids a rule can compare against a number (not labels or ages). */
export function isNumericMetric(id: MetricId): boolean {
  return FORMAT_SPECS[METRICS[id].format].numeric
}

/** Formats whose numbers read without a unit word ("71", not "71 score"). */
const BARE: ReadonlySet<MetricFormat> = new Set(['score', 'count', 'ratio', 'level01', 'level02', 'price'])

/**
 * A stored value as a trader types and reads it, for plain-text messages (alerts, CLI): scaled to the
 * display unit, four significant digits, with the unit ("0.000284" funding -> "0.0284 %").
 */
export function displayValue(id: MetricId, value: number): string {
  const format = METRICS[id].format
  const spec = FORMAT_SPECS[format]
  const n = Number((value * spec.displayScale).toPrecision(4))
  const text = n.toLocaleString('en-US', { maximumFractionDigits: 10 })
  return BARE.has(format) || spec.inputUnit === '' ? text : `${text} ${spec.inputUnit}`
}
