import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { RegimeChip } from '../components/regime-chip'
import { MetricCell, WarmingBadge } from '../components/warming-badge'
import { fmtPrice } from '../format'

export const TIMEFRAMES = [
  { sec: 60, label: '1m' },
  { sec: 300, label: '5m' },
  { sec: 900, label: '15m' },
  { sec: 3600, label: '1h' },
  { sec: 14_400, label: '4h' },
  { sec: 86_400, label: '1D' },
] as const

interface Props {
  market: MarketSnapshot
  timeframeSec: number
  resolutionSec: number | null
  onTimeframe: (sec: number) => void
  onSize: () => void
  sizeOpen: boolean
  logScale: boolean
  onLogScale: () => void
  onShortcuts: () => void
  /** Price decimals the chart uses (tick size or the finest step in the prices); null before data. */
  priceDecimals: number | null
}

export function MarketHeader({
  market,
  timeframeSec,
  resolutionSec,
  onTimeframe,
  onSize,
  sizeOpen,
  logScale,
  onLogScale,
  onShortcuts,
  priceDecimals,
}: Props) {
  const m = market.metrics
  return (
    <div className="market-header">
      <span className="mh-symbol">{market.symbol}</span>
      <span className="mh-venue">{market.venue}</span>
      {/* Short forms here: the header shares its row with the time frames; the signal panel says it in full. */}
      <WarmingBadge marketKey={market.key} compact />
      <span className="mh-price" data-testid="market-price">
        {fmtPrice(market.lastPrice, priceDecimals === null ? null : 10 ** -priceDecimals)}
      </span>
      <span className="mh-item">
        Funding <MetricCell marketKey={market.key} compact id="funding-apr" metric={m['funding-apr']} />
        <RegimeChip id="funding-regime" value={market.labels['funding-regime']} />
      </span>
      <span className="mh-item">
        OI <MetricCell marketKey={market.key} compact id="oi-usd" metric={m['oi-usd']} />
        <RegimeChip id="oi-quadrant" value={market.labels['oi-quadrant']} />
      </span>
      <div className="tf-group" role="group" aria-label="Time frame">
        {TIMEFRAMES.map((tf) => (
          <button
            key={tf.sec}
            type="button"
            className={tf.sec === timeframeSec ? 'tf active' : 'tf'}
            aria-pressed={tf.sec === timeframeSec}
            disabled={resolutionSec !== null && tf.sec < resolutionSec}
            title={
              resolutionSec !== null && tf.sec < resolutionSec
                ? `the data comes in ${resolutionSec / 60}-minute bars`
                : undefined
            }
            onClick={() => onTimeframe(tf.sec)}
          >
            {tf.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className={`tf ${logScale ? 'active' : ''}`}
        aria-pressed={logScale}
        onClick={onLogScale}
        title="Logarithmic price axis (L)"
      >
        Log
      </button>
      <button
        type="button"
        className="tf"
        onClick={onShortcuts}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        ⌨
      </button>
      <button
        type="button"
        className={`size-button ${sizeOpen ? 'active' : ''}`}
        onClick={onSize}
        aria-expanded={sizeOpen}
      >
        Position size
      </button>
    </div>
  )
}
