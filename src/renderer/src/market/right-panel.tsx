import type { HeatmapView } from '../../../shared/contract/heatmap'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { MetricTip } from '../components/metric-tooltip'
import { RegimeChip } from '../components/regime-chip'
import { SpikeOdds } from '../components/spike-odds'
import {
  MetricCell,
  WarmingText,
  useMetricWarming,
  warmingCellNote,
  useHistoryWarming,
  useWarmingLookup,
} from '../components/warming-badge'
import { MAP_SEED } from '../../../shared/metric-warming'
import { isMetricId, metricInfo } from '../../../shared/scoring/metric-registry'
import { fmtTime } from '../format'
import { ScenarioTable } from './scenario-table'
import type { LoadState } from './use-market-data'

interface Props {
  market: MarketSnapshot | null
  heatmap: LoadState<HeatmapView>
}

const PILLARS = [
  ['pillar-liquidation', 'Liquidation clusters'],
  ['pillar-funding', 'Funding trajectory'],
  ['pillar-toxicity', 'Order-flow toxicity'],
] as const
const LEVEL_NAMES = ['low', 'medium', 'high']
const SCORES = [
  ['crowding', 'Crowding'],
  ['fragility', 'Fragility'],
  ['squeeze-long', 'Squeeze longs'],
  ['squeeze-short', 'Squeeze shorts'],
  ['tradeability', 'Tradeability'],
] as const

function ScoreBar({ value, signed }: { value: number | null; signed?: boolean }) {
  if (value === null) return <span className="score-bar empty" />
  const left = signed ? 50 + Math.min(0, value) / 2 : 0
  const width = signed ? Math.abs(value) / 2 : Math.max(0, Math.min(100, value))
  const tone = signed ? (value > 0 ? 'warm' : 'cool') : value >= 65 ? 'hot' : value >= 35 ? 'warm' : 'calm'
  return (
    <span className="score-bar">
      <span className={`fill bar-${tone}`} style={{ left: `${left}%`, width: `${width}%` }} />
    </span>
  )
}

/** The signal panel: pillars, composite, scores, setup, contradictions, scenarios and every sufficiency note. */
export function RightPanel({ market, heatmap }: Props) {
  // Hooks first: the panel with no market selected returns early below.
  const key = market?.key ?? ''
  const stressWarming = useMetricWarming(key, 'lsi', market?.metrics['lsi'])
  const mapWarming = useHistoryWarming(key, MAP_SEED)
  const warmingOf = useWarmingLookup(key)
  if (!market)
    return (
      <aside className="right-panel signals" aria-label="Signals">
        <div className="empty-state">
          <p>Select a market to see its risk pillars, scores, setup tag and contradictions.</p>
        </div>
      </aside>
    )
  const m = market.metrics
  const notes = Object.entries(m).filter(([, x]) => x.reason !== null)
  return (
    <aside className="right-panel signals" aria-label="Signals" data-testid="signal-panel">
      <section className="composite">
        <div className="big-number">
          <MetricTip id="lsi" note={warmingCellNote(stressWarming, m['lsi'])}>
            <span className="label">Stress</span>
            {stressWarming ? (
              <WarmingText w={stressWarming} />
            ) : (
              <span className="value" data-testid="panel-stress">
                {market.stress === null ? 'n/a' : market.stress.toFixed(0)}
              </span>
            )}
          </MetricTip>
          <RegimeChip id="lsi-level" value={market.labels['lsi-level']} />
        </div>
        <div className="composite-side">
          <div>
            Risk <RegimeChip id="risk-level" value={market.labels['risk-level']} />
          </div>
          <div>
            vs own history <MetricCell marketKey={market.key} id="lsi-self-pct" metric={m['lsi-self-pct']} />
          </div>
        </div>
      </section>
      <SpikeOdds metrics={m} />
      <h3>Pillars</h3>
      <dl className="facts">
        {PILLARS.map(([id, name]) => (
          <div key={id} className="fact-row">
            <dt>
              <MetricTip id={id}>{name}</MetricTip>
            </dt>
            <dd>
              <MetricCell
                marketKey={market.key}
                id={id}
                metric={m[id]}
                text={
                  m[id]?.value !== null && m[id]?.value !== undefined ? LEVEL_NAMES[m[id].value] : undefined
                }
                className={`level-text lvl-${m[id]?.value ?? 'na'}`}
              />
            </dd>
          </div>
        ))}
        <div className="fact-row">
          <dt>
            <MetricTip id="risk-pillars">Composite</MetricTip>
          </dt>
          <dd>
            <MetricCell marketKey={market.key} id="risk-pillars" metric={m['risk-pillars']} />
          </dd>
        </div>
      </dl>
      <h3>Scores</h3>
      <dl className="facts">
        {SCORES.map(([id, name]) => (
          <div key={id} className="fact-row">
            <dt>
              <MetricTip id={id}>{name}</MetricTip>
            </dt>
            <dd>
              <ScoreBar value={m[id]?.value ?? null} signed={id === 'crowding'} />
              <MetricCell marketKey={market.key} id={id} metric={m[id]} />
            </dd>
          </div>
        ))}
      </dl>
      <h3>Setup</h3>
      <p className="setup-line" data-testid="setup-tags">
        {market.tags.length > 0 ? (
          market.tags.map((t) => (
            <span key={t} className="setup-tag chip">
              {t}
            </span>
          ))
        ) : (
          <span className="muted">No setup matches now.</span>
        )}
      </p>
      <h3>Contradictions</h3>
      {market.contradictions.length > 0 ? (
        <ul className="contradictions" data-testid="contradictions">
          {market.contradictions.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : (
        <p className="muted small">None: the signals agree (or too few are available to disagree).</p>
      )}
      <h3>Scenarios</h3>
      <ScenarioTable heatmap={heatmap} lastPrice={market.lastPrice} warming={mapWarming} />
      <details className="notes" data-testid="sufficiency-notes">
        <summary>
          Sufficiency notes ({notes.length}) · data as of {fmtTime(market.asOfMs)}
        </summary>
        <ul>
          {notes.map(([id, x]) => {
            const w = isMetricId(id) ? warmingOf(id, x) : null
            return (
              <li key={id}>
                {isMetricId(id) ? (
                  <MetricTip id={id}>
                    <b>{metricInfo(id).name}</b>
                  </MetricTip>
                ) : (
                  <code>{id}</code>
                )}{' '}
                {w && (
                  <>
                    <WarmingText w={w} detail />{' '}
                  </>
                )}
                <span className={x.sufficient ? '' : 'muted'}>{x.reason}</span>
              </li>
            )
          })}
        </ul>
      </details>
    </aside>
  )
}
