import { forwardRef } from 'react'
import { MetricTip } from '../components/metric-tooltip'
import { RegimeChip } from '../components/regime-chip'
import { Sparkline } from '../components/sparkline'
import { SpikeOdds } from '../components/spike-odds'
import {
  MetricCell,
  WarmingBadge,
  WarmingText,
  useMetricWarming,
  warmingCellNote,
} from '../components/warming-badge'
import { fmtAge, fmtMetricValue, fmtPct, fmtPrice, fmtUsd } from '../format'
import type { Flash } from './use-row-flash'
import type { RadarRow as Row } from './radar-model'
import { tagIndexNote } from './radar-model'
import type { Metric } from '../../../shared/scoring/snapshot'
import { partialStressText } from './partial-stress'

interface Props {
  row: Row
  rank: number
  active: boolean
  history: readonly number[]
  flash: Flash | undefined
  onActivate: () => void
  onOpen: () => void
}

/** Funding per the market's own period: "0.0100 % / 8 h" (the interval differs across markets). */
function fundingPerPeriod(rate: number | null | undefined, intervalHours: number | null | undefined): string {
  const r = fmtMetricValue('funding-rate', rate)
  return intervalHours ? `${r} / ${intervalHours} h` : r
}

const toneOf = (x: number | null | undefined): string =>
  x === null || x === undefined ? '' : x > 0 ? 'up' : x < 0 ? 'down' : ''

function stressTone(stress: number | null): string {
  if (stress === null) return 'level-none'
  return stress >= 65 ? 'level-high' : stress >= 35 ? 'level-medium' : 'level-low'
}

/** The muted stress figure of a partial index, or nothing when the index is whole or has no input at all. */
function PartialStress({ metric }: { metric: Metric | undefined }) {
  const text = partialStressText(metric)
  return text === null ? null : (
    <span className="stress-partial muted" data-testid="stress-partial">
      {text}
    </span>
  )
}

/** One market in the radar; every number carries its tooltip and, when missing, its reason. */
export const RadarRowView = forwardRef<HTMLTableRowElement, Props>(function RadarRowView(
  { row, rank, active, history, flash, onActivate, onOpen },
  ref,
) {
  const s = row.snap
  const m = s.metrics
  const stale = row.ageMs !== null && row.ageMs > 60_000
  const stressWarming = useMetricWarming(s.key, 'lsi', m['lsi'])
  const mapWarming = useMetricWarming(s.key, 'cluster-distance', m['liq-prox-above-price'])
  return (
    <tr
      ref={ref}
      className={`radar-tr ${active ? 'active' : ''} ${flash ? (flash.seq % 2 ? 'row-flash-a' : 'row-flash-b') : ''}`}
      aria-selected={active}
      tabIndex={active ? 0 : -1}
      data-key={s.key}
      data-testid="radar-row"
      onClick={onActivate}
      onDoubleClick={onOpen}
      title={flash?.text}
    >
      <td className="col-rank">{rank}</td>
      <td className="col-market">
        <span className="symbol">{s.symbol}</span>
        <span className="venue">{s.venue}</span>
        <WarmingBadge marketKey={s.key} compact />
      </td>
      <td className="col-stress">
        <MetricTip id="lsi" note={warmingCellNote(stressWarming, m['lsi'])}>
          {stressWarming ? (
            <WarmingText w={stressWarming} compact />
          ) : (
            <>
              <span className={`stress-pill ${stressTone(s.stress)}`} data-testid="stress-value">
                {s.stress === null ? 'n/a' : s.stress.toFixed(0)}
              </span>
              <PartialStress metric={m['lsi']} />
            </>
          )}
        </MetricTip>
        <Sparkline values={history} label={`stress history of ${s.symbol}`} />
        <SpikeOdds metrics={m} compact />
      </td>
      <td className="num" data-testid="radar-price">
        {fmtPrice(s.lastPrice)}
      </td>
      <td className={`num ${toneOf(m['price-change-24h']?.value)}`}>
        <MetricCell marketKey={s.key} compact id="price-change-24h" metric={m['price-change-24h']} />
        {m['volume-24h-usd']?.value != null && (
          <span className="sub" data-testid="radar-volume" title="24 h turnover, from the venue's tickers">
            vol {fmtUsd(m['volume-24h-usd'].value)}
          </span>
        )}
      </td>
      <td className="num">
        <MetricCell
          marketKey={s.key}
          compact
          id="funding-rate"
          metric={m['funding-rate']}
          text={fundingPerPeriod(m['funding-rate']?.value, m['funding-interval']?.value)}
        />
        <RegimeChip id="funding-regime" value={s.labels['funding-regime']} />
      </td>
      <td className="num">
        <MetricCell marketKey={s.key} compact id="oi-usd" metric={m['oi-usd']} />
      </td>
      <td className={`num ${toneOf(m['oi-roc-24h']?.value)}`}>
        <MetricCell marketKey={s.key} compact id="oi-roc-24h" metric={m['oi-roc-24h']} />
        <RegimeChip id="oi-regime" value={s.labels['oi-regime']} />
      </td>
      <td className="num">
        <MetricCell marketKey={s.key} compact id="ls-global" metric={m['ls-global']} />
      </td>
      <td>
        <RegimeChip id="vpin-level" value={s.labels['vpin-level']} />
        <MetricCell marketKey={s.key} compact id="vpin" metric={m['vpin']} className="sub" />
      </td>
      <td className="num">
        <MetricCell marketKey={s.key} compact id="basis-bps" metric={m['basis-bps']} />
        {row.spot && (
          <span className="sub spot-price" data-testid="radar-spot">
            spot {fmtPrice(row.spot.lastPrice)}
          </span>
        )}
      </td>
      <td className="num">
        <MetricTip
          id="cluster-distance"
          note={
            row.clusterDistancePct === null
              ? (warmingCellNote(mapWarming, m['liq-prox-above-price']) ?? 'no estimate')
              : null
          }
        >
          {row.clusterDistancePct === null && mapWarming ? (
            <WarmingText w={mapWarming} compact />
          ) : (
            <span className={row.clusterDistancePct === null ? 'value-na' : toneOf(row.clusterDistancePct)}>
              {row.clusterDistancePct === null
                ? 'n/a'
                : `${fmtPct(row.clusterDistancePct / 100)} ${row.clusterSide === 'above' ? '↑' : '↓'}`}
            </span>
          )}
        </MetricTip>
      </td>
      <td className="col-setup">
        <MetricTip
          id="setup-tag"
          note={tagIndexNote(s) ?? (s.tags.length === 0 ? 'no setup matches now' : null)}
        >
          {s.tags.length > 0 ? (
            <span className="setup-tag">{s.tags.join(' · ')}</span>
          ) : (
            <span className="muted">—</span>
          )}
        </MetricTip>
      </td>
      <td className={`num ${stale ? 'stale' : ''}`}>
        <MetricTip id="freshness">{fmtAge(row.ageMs)}</MetricTip>
      </td>
    </tr>
  )
})
