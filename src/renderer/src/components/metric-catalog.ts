/**
 * What each metric id means, in a trader's words: the tooltip text beside every number. The numbers and
 * windows mirror DEFAULT_SCORING_CONFIG; docs/methodology.md#<id> holds the full derivation.
 */
export interface MetricInfo {
  name: string
  what: string
  unit: string
  window: string
}

export const METHODOLOGY_DOC = 'docs/methodology.md'

/** Display-only ids that have no section of their own point at the section they derive from. */
const ANCHOR_OF: Record<string, string> = {
  'cluster-distance': 'liq-prox-above-price',
  'setup-tag': 'setup-tags',
  freshness: 'general-rules',
}

export function methodologyAnchor(id: string): string {
  return ANCHOR_OF[id] ?? id
}

export function methodologyHref(id: string): string {
  return `${METHODOLOGY_DOC}#${methodologyAnchor(id)}`
}

const m = (name: string, what: string, unit: string, window: string): MetricInfo => ({
  name,
  what,
  unit,
  window,
})

const CATALOG: Record<string, MetricInfo> = {
  lsi: m(
    'Leverage Stress Index',
    'Weighted blend of funding stress, OI build-up, liquidation proximity and volatility; carries the reference asset’s stress when highly correlated.',
    'score 0–100',
    'current; components use their own windows',
  ),
  'lsi-own': m(
    'Own stress index',
    'The stress index from this market’s own components only.',
    'score 0–100',
    'current',
  ),
  'lsi-self-pct': m(
    'Stress vs own history',
    'Where today’s stress index sits among this market’s own hourly samples.',
    'percentile 0–1',
    '30 d of hourly samples',
  ),
  'lsi-c-funding': m(
    'LSI: funding stress',
    'Funding component of the stress index.',
    '0–1',
    '90 d percentile',
  ),
  'lsi-c-oi': m('LSI: OI build', 'Open-interest growth component of the stress index.', '0–1', '24 h'),
  'lsi-c-liq': m(
    'LSI: liquidation proximity',
    'Estimated liquidations within ±2 % as a share of OI.',
    '0–1',
    'current map',
  ),
  'lsi-c-vol': m(
    'LSI: volatility',
    'Short vs long volatility component of the stress index.',
    '0–1',
    '1 h vs 24 h',
  ),
  'funding-rate': m(
    'Funding rate',
    'Current (predicted) funding rate per funding period.',
    'fraction / period',
    'next funding',
  ),
  'funding-rate-per-hour': m(
    'Funding per hour',
    'Funding rate normalised to one hour.',
    'fraction / h',
    'current',
  ),
  'funding-apr': m(
    'Funding APR',
    'Funding annualised from the per-hour rate (× 8,760).',
    'APR',
    'current rate',
  ),
  'funding-interval': m('Funding interval', 'The market’s own funding period.', 'hours', '—'),
  'funding-percentile': m(
    'Funding percentile',
    'Time-weighted rank of the current rate in its own history.',
    'percentile 0–1',
    '90 d (min 7 d)',
  ),
  'funding-zscore': m('Funding z-score', 'Distance of the current rate from its mean.', 'σ', '90 d'),
  'funding-traj-4h': m(
    'Funding trajectory 4 h',
    'Change of the hourly rate over 4 h.',
    'fraction / h',
    '4 h',
  ),
  'funding-traj-8h': m(
    'Funding trajectory 8 h',
    'Change of the hourly rate over 8 h.',
    'fraction / h',
    '8 h',
  ),
  'funding-traj-24h': m(
    'Funding trajectory 24 h',
    'Change of the hourly rate over 24 h.',
    'fraction / h',
    '24 h',
  ),
  'funding-accel': m(
    'Funding acceleration',
    'Speed of the funding change, % of an 8 h rate per hour.',
    '% / h',
    '4 h path',
  ),
  'funding-persistence': m(
    'Funding persistence',
    'How long funding has kept its sign.',
    'hours',
    'since last sign change',
  ),
  'funding-spend': m(
    'Funding spend',
    'USD paid per hour by the paying side (OI × hourly rate).',
    'USD / h',
    'current',
  ),
  'funding-diff-venues': m(
    'Funding spread across venues',
    'This venue’s hourly rate minus the others’ for the same asset.',
    'fraction / h',
    'current',
  ),
  'oi-contracts': m('Open interest (contracts)', 'Outstanding contracts.', 'contracts', 'latest'),
  'oi-usd': m('Open interest', 'Outstanding notional.', 'USD', 'latest'),
  'oi-roc-4h': m('OI change 4 h', 'Rate of change of open interest.', 'fraction', '4 h'),
  'oi-roc-24h': m('OI change 24 h', 'Rate of change of open interest.', 'fraction', '24 h'),
  'oi-roc-7d': m('OI change 7 d', 'Rate of change of open interest.', 'fraction', '7 d'),
  'oi-drawdown-24h': m(
    'OI drawdown',
    'Fall of OI from its 24 h peak; a flush when ≥ 10 %.',
    'fraction',
    '24 h',
  ),
  'oi-mcap': m(
    'OI / market cap',
    'Open interest as a share of the asset’s market cap (set in Settings).',
    'fraction',
    'latest',
  ),
  'oi-mcap-z': m('OI / market cap z', 'OI / market cap vs its own history; ≥ 2σ is flush risk.', 'σ', '30 d'),
  'oi-change-vs-vol': m(
    'OI change vs volatility',
    'OI change relative to the move volatility predicts.',
    'ratio',
    '4 h',
  ),
  'ls-global': m(
    'Long/short (accounts)',
    'Share of accounts net long over net short.',
    'ratio',
    'latest 5 min',
  ),
  'ls-top-accounts': m(
    'Top-trader accounts L/S',
    'Long/short of the venue’s top traders by account.',
    'ratio',
    'latest 5 min',
  ),
  'ls-top-positions': m(
    'Top-trader positions L/S',
    'Long/short of the venue’s top traders by position size.',
    'ratio',
    'latest 5 min',
  ),
  'liq-long-5m': m('Long liquidations 5 m', 'Realized long liquidations.', 'USD', '5 min'),
  'liq-short-5m': m('Short liquidations 5 m', 'Realized short liquidations.', 'USD', '5 min'),
  'liq-long-1h': m('Long liquidations 1 h', 'Realized long liquidations.', 'USD', '1 h'),
  'liq-short-1h': m('Short liquidations 1 h', 'Realized short liquidations.', 'USD', '1 h'),
  'liq-long-24h': m('Long liquidations 24 h', 'Realized long liquidations.', 'USD', '24 h'),
  'liq-short-24h': m('Short liquidations 24 h', 'Realized short liquidations.', 'USD', '24 h'),
  vpin: m(
    'VPIN',
    'Volume-synchronised probability of informed trading: order-flow imbalance per volume bucket.',
    'fraction 0–1',
    '50 buckets (≈ 1 day of volume)',
  ),
  'vpin-cdf': m(
    'VPIN CDF',
    'Rank of the current VPIN among its past values; ≥ 0.9 is high toxicity.',
    'fraction 0–1',
    'last 1,000 values',
  ),
  'vpin-buckets': m('VPIN buckets', 'Volume buckets completed so far.', 'buckets', 'session'),
  'vpin-bucket-size': m(
    'VPIN bucket size',
    'Base volume per bucket (daily volume / 50).',
    'base units',
    'estimated daily volume',
  ),
  'basis-bps': m('Basis', 'Perp mid minus spot mid, over spot.', 'bps', 'latest'),
  'basis-apr': m('Basis APR', 'Basis annualised.', 'APR', 'latest'),
  'basis-z': m(
    'Basis z-score',
    'Basis vs its rolling mean; beyond ±2σ is out of band.',
    'σ',
    '240 one-minute samples',
  ),
  'basis-ma-fast': m('Basis fast MA', 'Moving average of the basis.', 'bps', '15 samples'),
  'basis-ma-slow': m('Basis slow MA', 'Moving average of the basis.', 'bps', '60 samples'),
  'basis-half-life': m(
    'Basis half-life',
    'Mean-reversion half-life of the basis (AR(1) fit).',
    'minutes',
    '≥ 30 samples',
  ),
  'depth-ratio-0p5': m(
    'Depth ratio ±0.5 %',
    'Bid USD over ask USD within ±0.5 % of mid.',
    'ratio',
    'latest book',
  ),
  'depth-ratio-1': m('Depth ratio ±1 %', 'Bid USD over ask USD within ±1 % of mid.', 'ratio', 'latest book'),
  'depth-ratio-2': m('Depth ratio ±2 %', 'Bid USD over ask USD within ±2 % of mid.', 'ratio', 'latest book'),
  'vol-short': m(
    'Volatility 1 h',
    'Realized volatility of one-minute returns, annualised.',
    'annualised',
    '60 min',
  ),
  'vol-long': m(
    'Volatility 24 h',
    'Realized volatility of one-minute returns, annualised.',
    'annualised',
    '24 h',
  ),
  'vol-ratio': m(
    'Volatility ratio',
    'Short over long volatility; > 1.25 expanding, < 0.8 contracting.',
    'ratio',
    '1 h / 24 h',
  ),
  'corr-ref': m(
    'Correlation to reference',
    'Correlation of one-minute returns with BTC (or the reference asset).',
    'correlation −1..1',
    '240 min',
  ),
  'liq-prox-above-price': m(
    'Nearest cluster above',
    'Price of the nearest estimated short-liquidation cluster above.',
    'price',
    'current map',
  ),
  'liq-prox-above-usd': m(
    'Cluster above (size)',
    'Estimated USD at the nearest cluster above.',
    'USD',
    'current map',
  ),
  'liq-prox-below-price': m(
    'Nearest cluster below',
    'Price of the nearest estimated long-liquidation cluster below.',
    'price',
    'current map',
  ),
  'liq-prox-below-usd': m(
    'Cluster below (size)',
    'Estimated USD at the nearest cluster below.',
    'USD',
    'current map',
  ),
  'liq-prox-1pct-usd': m(
    'Liquidations within ±1 %',
    'Estimated USD that a 1 % move either way would liquidate.',
    'USD',
    'current map',
  ),
  'liq-prox-2pct-usd': m(
    'Liquidations within ±2 %',
    'Estimated USD that a 2 % move either way would liquidate.',
    'USD',
    'current map',
  ),
  crowding: m(
    'Crowding',
    'How one-sided positioning is: −100 crowded shorts, +100 crowded longs (funding, L/S, basis).',
    'score −100..100',
    'current',
  ),
  fragility: m(
    'Fragility',
    'Half crowding, half leverage / toxicity / liquidation proximity.',
    'score 0–100',
    'current',
  ),
  'squeeze-long': m(
    'Long squeeze risk',
    'Crowded longs times how close a trigger is.',
    'score 0–100',
    'current',
  ),
  'squeeze-short': m(
    'Short squeeze risk',
    'Crowded shorts times how close a trigger is.',
    'score 0–100',
    'current',
  ),
  tradeability: m(
    'Tradeability',
    '100 minus frictions: toxicity, volatility, book imbalance, funding stress, cascades.',
    'score 0–100',
    'current',
  ),
  'pillar-liquidation': m(
    'Pillar: liquidation clusters',
    'Density of estimated liquidations near price.',
    'level low/medium/high',
    'current map',
  ),
  'pillar-funding': m(
    'Pillar: funding trajectory',
    'Funding regime and acceleration.',
    'level low/medium/high',
    '4 h path, 90 d regime',
  ),
  'pillar-toxicity': m('Pillar: order-flow toxicity', 'VPIN level.', 'level low/medium/high', 'VPIN window'),
  'risk-pillars': m(
    'Composite risk',
    'Mean of the available pillars (low 0, medium 1, high 2).',
    'level 0–2',
    'current',
  ),
  'price-change-24h': m('24 h change', 'Last price vs the price 24 h earlier.', 'fraction', '24 h'),
  'cluster-distance': m(
    'Nearest cluster',
    'Distance from the last price to the nearest estimated liquidation cluster.',
    '%',
    'current map',
  ),
  freshness: m(
    'Data freshness',
    'Age of the newest event for this market, on the engine’s clock (session time in replay).',
    'time',
    '—',
  ),
  'setup-tag': m('Setup tag', 'Named setup the signals currently fit (debounced).', 'label', 'current'),
}

/** Labels (regimes) explained by the metric they come from. */
const LABEL_TO_METRIC: Record<string, string> = {
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
}

export function metricInfo(id: string): MetricInfo {
  const known = CATALOG[id] ?? CATALOG[LABEL_TO_METRIC[id] ?? '']
  return known ?? m(id, 'See the methodology.', '—', '—')
}
