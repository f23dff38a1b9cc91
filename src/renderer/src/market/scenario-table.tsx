import { useState } from 'react'
import type { HeatmapView } from '../../../shared/contract/heatmap'
import { MetricTip } from '../components/metric-tooltip'
import { fmtPct, fmtPrice, fmtUsd } from '../components/metric-format'
import type { MetricWarming } from '../../../shared/metric-warming'
import { WarmingText } from '../components/warming-badge'
import type { LoadState } from './use-market-data'
import { scenarioFromMap } from './scenario'

interface Props {
  heatmap: LoadState<HeatmapView>
  lastPrice: number | null
  /** The liquidation map's seed history while it loads (or was refused): said instead of a bare n/a. */
  warming?: MetricWarming | null
}

/** What ±1 % / ±2 % (and a move of the trader's choice) would liquidate, from the heatmap model. */
export function ScenarioTable({ heatmap, lastPrice, warming }: Props) {
  const [move, setMove] = useState('-3')
  const [custom, setCustom] = useState<ReturnType<typeof scenarioFromMap> | 'n/a' | null>(null)
  if (heatmap.state !== 'ready' || heatmap.value.unavailableReason || !heatmap.value.current) {
    const why =
      heatmap.state === 'error'
        ? heatmap.error
        : heatmap.state === 'loading'
          ? 'loading the heatmap…'
          : (heatmap.value.unavailableReason ?? 'no current estimate')
    return (
      <p className="muted small" data-testid="scenario-unavailable">
        {warming ? (
          <>
            Scenarios: <WarmingText w={warming} /> ({why})
          </>
        ) : (
          <>Scenarios n/a: {why}</>
        )}
      </p>
    )
  }
  const view = heatmap.value
  const cur = view.current!
  const run = (): void => {
    const r = scenarioFromMap(view, cur.price ?? lastPrice, Number(move))
    setCustom(r ?? 'n/a')
  }
  return (
    <div className="scenarios">
      <table className="scenario-table" data-testid="scenario-table">
        <thead>
          <tr>
            <th>Move</th>
            <th className="num">Longs liq.</th>
            <th className="num">Shorts liq.</th>
            <th className="num">Clusters</th>
          </tr>
        </thead>
        <tbody>
          {[...cur.scenarios]
            .sort((a, b) => b.movePct - a.movePct)
            .map((s) => (
              <tr key={s.movePct}>
                <td className={s.movePct > 0 ? 'up' : 'down'}>{fmtPct(s.movePct / 100, 0)}</td>
                <td className="num">{fmtUsd(s.longsLiquidatedUsd)}</td>
                <td className="num">{fmtUsd(s.shortsLiquidatedUsd)}</td>
                <td
                  className="num"
                  title={s.clustersCrossed.map((c) => `${fmtPrice(c.price)} ${fmtUsd(c.usd)}`).join('\n')}
                >
                  {s.clustersCrossed.length}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <dl className="facts compact">
        <dt>
          <MetricTip id="liq-prox-above-price">Nearest above</MetricTip>
        </dt>
        <dd>
          {cur.nearestAbove
            ? `${fmtPrice(cur.nearestAbove.price)} (${fmtPct(cur.nearestAbove.distancePct / 100)}) ${fmtUsd(cur.nearestAbove.usd)}`
            : 'n/a'}
        </dd>
        <dt>
          <MetricTip id="liq-prox-below-price">Nearest below</MetricTip>
        </dt>
        <dd>
          {cur.nearestBelow
            ? `${fmtPrice(cur.nearestBelow.price)} (${fmtPct(cur.nearestBelow.distancePct / 100)}) ${fmtUsd(cur.nearestBelow.usd)}`
            : 'n/a'}
        </dd>
      </dl>
      <form
        className="scenario-custom"
        onSubmit={(e) => {
          e.preventDefault()
          run()
        }}
      >
        <label>
          Move %
          <input
            type="number"
            step="0.1"
            value={move}
            onChange={(e) => setMove(e.target.value)}
            aria-label="Scenario price move in percent"
          />
        </label>
        <button type="submit">Run scenario</button>
        {custom && (
          <output data-testid="scenario-result">
            {custom === 'n/a'
              ? 'n/a: enter a non-zero move'
              : `${fmtPct(custom.movePct / 100, 1)} → ${fmtPrice(custom.targetPrice)}: ${fmtUsd(custom.liquidatedUsd)} of ${custom.side}s liquidated (latest map column)`}
          </output>
        )}
      </form>
    </div>
  )
}
