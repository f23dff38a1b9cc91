import { useCallback, useEffect, useMemo, useState } from 'react'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import type { ScreenProps } from '../screen-props'
import { CalculatorPanel } from '../calculator/calculator-panel'
import type { MarketChartController } from './chart-controller'
import { HeatmapControls } from './heatmap-controls'
import type { HeatmapLayers } from './heatmap-grid'
import { maxCellUsd } from './heatmap-grid'
import { MarketChart } from './market-chart'
import { MarketHeader } from './market-header'
import { RightPanel } from './right-panel'
import type { TierFilter } from './use-market-data'
import { useHeatmap, useSeriesFeed } from './use-market-data'
import '../market.css'

/** One market: candles over the liquidation heatmap, signal panes, the signal panel and the calculator. */
export function MarketScreen({ api, engine, selectedKey, navigate }: ScreenProps) {
  // While the engine starts a timeline afresh (a seek, a reopened session) the market's snapshot is briefly
  // absent: keep showing the last one, so the chart stays mounted and reloads instead of flickering away.
  const [held, setHeld] = useState<MarketSnapshot | null>(null)
  const current = selectedKey ? (engine.snapshots.get(selectedKey) ?? null) : null
  if (current && current !== held) setHeld(current)
  const market = current ?? (held?.key === selectedKey ? held : null)
  const timeline = `${engine.status?.source.label ?? ''}#${engine.replay?.seekCount ?? 0}`
  const [chart, setChart] = useState<MarketChartController | null>(null)
  const [timeframeSec, setTimeframeSec] = useState(60)
  const [layers, setLayers] = useState<HeatmapLayers>({ longs: true, shorts: true })
  const [tiers, setTiers] = useState<TierFilter>('all')
  const [sizeOpen, setSizeOpen] = useState(false)
  const onReady = useCallback((c: MarketChartController | null) => setChart(c), [])
  const series = useSeriesFeed(api, market ? market.key : null, chart, timeline)
  const heatmap = useHeatmap(api, market ? market.key : null, tiers, timeline)
  const maxUsd = useMemo(
    () =>
      heatmap.state === 'ready' && !heatmap.value.unavailableReason ? maxCellUsd(heatmap.value, layers) : 0,
    [heatmap, layers],
  )
  const resolutionSec = series.state === 'ready' ? series.value.resolutionSec : null

  useEffect(() => {
    if (!chart) return
    chart.setHeatmap(heatmap.state === 'ready' ? heatmap.value : null, layers)
  }, [chart, heatmap, layers, series])

  useEffect(() => {
    if (chart) chart.setTimeframe(timeframeSec)
  }, [chart, timeframeSec, series])

  const m = market?.metrics
  useEffect(() => {
    chart?.setReasons({
      price: null,
      funding: m?.['funding-apr']?.reason ?? null,
      oi: m?.['oi-usd']?.reason ?? null,
      basis: m?.['basis-bps']?.reason ?? null,
      vpin: m?.['vpin']?.reason ?? null,
    })
  }, [chart, m])

  if (!market)
    return (
      <div className="market-screen">
        <div className="empty-state" data-testid="chart-empty">
          <p>Select a market in the radar to open its chart, liquidation heatmap and signal panes.</p>
          <button type="button" onClick={() => navigate('radar')}>
            Back to the radar
          </button>
        </div>
      </div>
    )

  return (
    <div className={`market-view ${sizeOpen ? 'with-calculator' : ''}`} data-testid="market-view">
      <main className="chart-column" aria-label="Market chart">
        <MarketHeader
          market={market}
          timeframeSec={Math.max(timeframeSec, resolutionSec ?? 0)}
          resolutionSec={resolutionSec}
          onTimeframe={setTimeframeSec}
          onSize={() => setSizeOpen((o) => !o)}
          sizeOpen={sizeOpen}
        />
        <HeatmapControls
          heatmap={heatmap}
          layers={layers}
          onLayers={setLayers}
          tiers={tiers}
          onTiers={setTiers}
          maxUsd={maxUsd}
        />
        <div className="chart-wrap">
          <MarketChart onReady={onReady} />
          {series.state !== 'ready' && (
            <div className="chart-overlay" data-testid="chart-status" role="status">
              {series.state === 'loading' ? 'Loading chart data…' : `Chart data unavailable: ${series.error}`}
            </div>
          )}
          {series.state === 'ready' && series.value.bars === 0 && (
            <div className="chart-overlay" data-testid="chart-status" role="status">
              No bars yet for this market: press play in the replay bar, or wait for trades.
            </div>
          )}
        </div>
      </main>
      {sizeOpen ? (
        <CalculatorPanel
          api={api}
          market={market}
          heatmap={heatmap.state === 'ready' ? heatmap.value : null}
          heatmapReason={
            heatmap.state === 'error'
              ? heatmap.error
              : heatmap.state === 'loading'
                ? 'loading'
                : heatmap.value.unavailableReason
          }
          atr={chart && series.state === 'ready' ? chart.atr() : null}
          lastPrice={market.lastPrice ?? (series.state === 'ready' ? series.value.lastClose : null)}
          onClose={() => setSizeOpen(false)}
        />
      ) : (
        <RightPanel market={market} heatmap={heatmap} />
      )}
    </div>
  )
}
