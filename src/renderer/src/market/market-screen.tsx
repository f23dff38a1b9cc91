import { useCallback, useEffect, useMemo, useState } from 'react'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import type { ScreenProps } from '../screen-props'
import { CalculatorPanel } from '../calculator/calculator-panel'
import { isSizingVenue } from '../../../shared/sizing/liquidation-for-leverage'
import type { MarketChartController } from './chart-controller'
import { HeatmapControls } from './heatmap-controls'
import type { HeatmapLayers } from './heatmap-grid'
import { maxCellUsd } from './heatmap-grid'
import { MarketChart } from './market-chart'
import { MarketHeader, TIMEFRAMES } from './market-header'
import { loadPanePrefs, savePanePrefs, togglePane } from './chart-pane-layout'
import type { PanePrefs, SignalPaneId } from './chart-pane-layout'
import { useMarketHotkeys } from './market-hotkeys'
import { PanePicker } from './pane-picker'
import { ShortcutSheet } from './shortcut-sheet'
import { RightPanel } from './right-panel'
import type { TierFilter } from './use-market-data'
import { useCoinMap, useHeatmap, useSeriesFeed } from './use-market-data'
import { perpCoin } from '../radar/coin-aggregate'
import { coinLegKeys } from './coin-scope'
import { CoinPanel } from './coin-panel'
import { VenueSwitch } from './venue-switch'
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
  const [logScale, setLogScale] = useState(false)
  const [helpOpen, setHelpOpen] = useState(false)
  const [panePrefs, setPanePrefsState] = useState<PanePrefs>(() => loadPanePrefs(window.localStorage))
  const [withData, setWithData] = useState<ReadonlySet<SignalPaneId>>(new Set())
  const setPanePrefs = useCallback((p: PanePrefs) => {
    setPanePrefsState(p)
    savePanePrefs(window.localStorage, p)
  }, [])
  const onReady = useCallback((c: MarketChartController | null) => {
    if (c) c.onPanesWithData = (w) => setWithData(new Set(w))
    setChart(c)
  }, [])
  useEffect(() => {
    chart?.setPanePrefs(panePrefs)
  }, [chart, panePrefs])
  useEffect(() => {
    chart?.setLogScale(logScale)
  }, [chart, logScale])
  const theme = engine.settings?.settings.theme ?? 'dark'
  useEffect(() => {
    chart?.setTheme(theme)
  }, [chart, theme])
  // The tick size, where the venue's market info is known (the calculator's source): the price decimals.
  const venue = market?.venue
  const symbol = market?.symbol
  useEffect(() => {
    if (!chart || !venue || !symbol || !isSizingVenue(venue)) return
    let live = true
    api.getLeverageTiers({ venue, symbol }).then(
      (t) => live && chart.setTickSize(t.lot?.tick ?? null),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [api, chart, venue, symbol])
  const paneKeys: Record<'f' | 'o' | 'b' | 'v', SignalPaneId> = {
    f: 'funding',
    o: 'oi',
    b: 'basis',
    v: 'vpin',
  }
  useMarketHotkeys({
    timeframe: (i) => {
      const tf = TIMEFRAMES[i]
      if (tf) setTimeframeSec(tf.sec)
    },
    toggleLog: () => setLogScale((x) => !x),
    togglePane: (k) => setPanePrefs(togglePane(panePrefs, paneKeys[k])),
    playPause: () => {
      const state = engine.replay?.state
      if (!state || state === 'idle') return
      void api.replayControl({ action: state === 'playing' ? 'pause' : 'play' }).catch(() => undefined)
    },
    nextMarket: (delta) => {
      const keys = [...engine.snapshots.values()]
        .filter((x) => x.symbol.includes(':'))
        .sort((a, b) => (b.stress ?? -1) - (a.stress ?? -1))
        .map((x) => x.key)
      if (keys.length === 0) return
      const i = selectedKey ? keys.indexOf(selectedKey) : -1
      navigate('market', keys[(i + delta + keys.length) % keys.length])
    },
    toggleSize: () => setSizeOpen((o) => !o),
    toggleHelp: () => setHelpOpen((o) => !o),
  })
  // A coin on several venues reads as a whole ("All venues") or venue by venue; the choice is per coin.
  const [allVenuesCoin, setAllVenuesCoin] = useState<string | null>(null)
  const coin = market ? perpCoin(market.symbol) : null
  const legs = useMemo(
    () =>
      market
        ? coinLegKeys(engine.snapshots.values(), market)
            .map((k) => engine.snapshots.get(k) ?? (k === market.key ? market : null))
            .filter((s): s is MarketSnapshot => s !== null)
        : [],
    [engine.snapshots, market],
  )
  const multiVenue = new Set(legs.map((l) => l.venue)).size >= 2
  const allVenues = multiVenue && coin !== null && allVenuesCoin === coin
  const coinMap = useCoinMap(api, allVenues ? legs.map((l) => l.key) : null, timeline)
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
          logScale={logScale}
          onLogScale={() => setLogScale((x) => !x)}
          onShortcuts={() => setHelpOpen(true)}
          priceDecimals={chart?.pricePrecision ?? null}
        />
        {coin && (
          <VenueSwitch
            legs={legs}
            coin={coin}
            selectedKey={market.key}
            allVenues={allVenues}
            onAll={() => setAllVenuesCoin(coin)}
            onVenue={(key) => {
              setAllVenuesCoin(null)
              if (key !== market.key) navigate('market', key)
            }}
          />
        )}
        <PanePicker prefs={panePrefs} withData={withData} onChange={setPanePrefs} />
        <HeatmapControls
          heatmap={heatmap}
          layers={layers}
          onLayers={setLayers}
          tiers={tiers}
          onTiers={setTiers}
          maxUsd={maxUsd}
          marketKey={market.key}
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
              {engine.status?.source.kind === 'live'
                ? 'No bars yet for this market: waiting for its first trades and its candle history.'
                : 'No bars yet for this market: press play in the replay bar.'}
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
      ) : allVenues && coin ? (
        <CoinPanel
          coin={coin}
          legs={legs}
          map={coinMap}
          onVenue={(key) => {
            setAllVenuesCoin(null)
            if (key !== market.key) navigate('market', key)
          }}
        />
      ) : (
        <RightPanel market={market} heatmap={heatmap} />
      )}
      {helpOpen && <ShortcutSheet onClose={() => setHelpOpen(false)} />}
    </div>
  )
}
