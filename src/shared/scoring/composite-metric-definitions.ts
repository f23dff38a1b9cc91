import { m } from './metric-def'
import type { MetricDef } from './metric-def'

/** The stress index, its calibrated spike probabilities and its components (see docs/methodology.md#lsi). */
export const STRESS_INDEX_METRICS = {
  lsi: m(
    'score',
    'Leverage Stress Index',
    'Weighted blend of funding stress, OI build-up, liquidation proximity and volatility; carries the reference asset’s stress when highly correlated. Partial (no value, no level) when the inputs present carry under 60 % of the weight. A ranking: on hours it never saw (BTC, Apr–Jun 2026) it ranked the next 4 h’s long-liquidation spikes at AUC 0.59 (95 % 0.49–0.67), not clearly better than chance; read as a probability beside the usual rate in the spike lines under it.',
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
  'lsi-p-long-4h': m(
    'pct',
    'Long-liquidation spike in 4 h',
    'The own stress index read as the probability that the next 4 h’s long liquidations exceed their trailing 30-day 95th percentile, beside the usual rate. Fitted on BTC hourly data (Mar–Jun 2026); none for a partial index or changed index weights.',
    'probability (%)',
    'next 4 h',
  ),
  'lsi-p-short-4h': m(
    'pct',
    'Short-liquidation spike in 4 h',
    'The own stress index read as the probability that the next 4 h’s short liquidations exceed their trailing 30-day 95th percentile, beside the usual rate. Fitted on BTC hourly data (Mar–Jun 2026); none for a partial index or changed index weights.',
    'probability (%)',
    'next 4 h',
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
} satisfies Record<string, MetricDef>

/** Composites built on the signals: crowding, fragility, squeezes, tradeability and the risk pillars. */
export const COMPOSITE_METRICS = {
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
} satisfies Record<string, MetricDef>
