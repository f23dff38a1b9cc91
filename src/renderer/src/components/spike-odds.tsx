import type { Metric } from '../../../shared/scoring/snapshot'
import { SPIKE_PROBABILITY_IDS, spikeOddsText } from '../../../shared/scoring/calibration/lsi-calibration'
import { MetricTip } from './metric-tooltip'
import './spike-odds.css'

interface Props {
  metrics: Record<string, Metric | undefined>
  /** One short line for a table cell ("4 h liq spike L 7.6 % · S 5.1 %"); else one line per side. */
  compact?: boolean
}

/**
 * The stress index read as the probability of a liquidation spike in the next 4 h, beside the usual rate.
 * Each side's tooltip says where the mapping was fitted (BTC hourly), what the evidence says and the index's
 * coverage; a partial index shows n/a with its reason, never a probability.
 */
export function SpikeOdds({ metrics, compact = false }: Props) {
  const sides = (['long', 'short'] as const).map((side) => spikeOddsText(metrics, side))
  if (compact)
    return (
      <span className="sub spike-odds" data-testid="spike-odds">
        4 h liq spike{' '}
        {sides.map((o, i) => (
          <MetricTip key={o.side} id={SPIKE_PROBABILITY_IDS[o.side]} note={o.note}>
            <span className={o.value === 'n/a' ? 'value-na' : ''} data-testid={`spike-odds-${o.side}`}>
              {i > 0 ? ' · ' : ''}
              {o.side === 'long' ? 'L' : 'S'} {o.value}
            </span>
          </MetricTip>
        ))}
      </span>
    )
  return (
    <div className="spike-odds" data-testid="spike-odds">
      {sides.map((o) => (
        <div key={o.side}>
          <MetricTip id={SPIKE_PROBABILITY_IDS[o.side]} note={o.note}>
            <span className={o.value === 'n/a' ? 'value-na' : ''} data-testid={`spike-odds-${o.side}`}>
              {o.text}
            </span>
          </MetricTip>
          <div className="sub muted">{o.note}</div>
        </div>
      ))}
    </div>
  )
}
