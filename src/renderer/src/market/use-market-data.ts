import { useEffect, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import type { CoinMapView, HeatmapView } from '../../../shared/contract/heatmap'
import type { MarketSeries } from '../../../shared/contract/series'
import type { MarketChartController } from './chart-controller'

export type TierFilter = 'all' | 'high' | 'low'

export type LoadState<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: string }

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * Loads a market's series once, then streams its updates straight into the chart controller (never into React
 * state). Only the load outcome is React state, for the empty / error overlays.
 */
export function useSeriesFeed(
  api: RadarApi,
  key: string | null,
  chart: MarketChartController | null,
  /** Changes when the engine restarts the timeline (seek, new session): the series is loaded afresh. */
  timeline = '',
): LoadState<Pick<MarketSeries, 'resolutionSec'> & { bars: number; lastClose: number | null }> {
  type Load = ReturnType<typeof useSeriesFeed>
  // Keyed by market: a result for another market reads as "loading" without a synchronous reset.
  const want = `${key}|${timeline}`
  const [result, setResult] = useState<{ want: string; load: Load }>({
    want: '',
    load: { state: 'loading' },
  })
  const setLoad = (load: Load): void => setResult({ want, load })
  useEffect(() => {
    if (!key || !chart) return
    let live = true
    // After a seek the engine rebuilds the state at the target and only then streams again: the series read
    // at the seek may still be the old timeline's, so the first update of the new timeline reloads it whole.
    let reloadOnUpdate = timeline !== ''
    const load = (): Promise<MarketSeries> => api.getSeries({ key })
    const off = api.onSeriesUpdate((u) => {
      if (!live || u.key !== key) return
      if (!reloadOnUpdate) return chart.applyUpdate(u)
      reloadOnUpdate = false
      void load().then(
        (series) => live && chart.setData(series),
        () => undefined,
      )
    })
    api.watchSeries({ key }).catch(() => undefined)
    load().then(
      (series) => {
        if (!live) return
        chart.setData(series)
        setLoad({
          state: 'ready',
          value: {
            resolutionSec: series.resolutionSec,
            bars: series.bars.length,
            lastClose: series.bars[series.bars.length - 1]?.close ?? null,
          },
        })
      },
      (err: unknown) => live && setLoad({ state: 'error', error: message(err) }),
    )
    return () => {
      live = false
      off()
      api.watchSeries({ key: null }).catch(() => undefined)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- setLoad only closes over key and timeline
  }, [api, key, chart, timeline])
  return result.want === want ? result.load : { state: 'loading' }
}

const HEATMAP_REFRESH_MS = 15_000

/**
 * Loads `fetch` for `id` and again every 15 s while `id` stays (liquidation maps move slowly); an empty id loads
 * nothing. A result for another id reads as "loading" without a synchronous reset.
 */
function usePolled<T>(id: string, fetch: () => Promise<T>): LoadState<T> {
  const [result, setResult] = useState<{ want: string; load: LoadState<T> }>({
    want: '',
    load: { state: 'loading' },
  })
  useEffect(() => {
    if (!id) return
    let live = true
    const load = (): void => {
      fetch().then(
        (value) => live && setResult({ want: id, load: { state: 'ready', value } }),
        (err: unknown) => live && setResult({ want: id, load: { state: 'error', error: message(err) } }),
      )
    }
    load()
    const timer = setInterval(load, HEATMAP_REFRESH_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `id` names everything `fetch` reads
  }, [id])
  return result.want === id ? result.load : { state: 'loading' }
}

/** The liquidation map for the tier filter, refreshed while the view is open. */
export function useHeatmap(
  api: RadarApi,
  key: string | null,
  tiers: TierFilter,
  timeline = '',
): LoadState<HeatmapView> {
  return usePolled(key ? `${key}|${tiers}|${timeline}` : '', () => api.getHeatmap({ key: key!, tiers }))
}

/**
 * A coin's liquidation map summed over `keys` (the charted market first), refreshed like the single map; null
 * keys (one venue shown) load nothing.
 */
export function useCoinMap(api: RadarApi, keys: string[] | null, timeline = ''): LoadState<CoinMapView> {
  return usePolled(keys ? `${keys.join(',')}|${timeline}` : '', () => api.getCoinMap({ keys: keys! }))
}
