import { useEffect, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import type { HeatmapView } from '../../../shared/contract/heatmap'
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

/** The liquidation map for the tier filter; refreshed every 15 s while the view is open (it moves slowly). */
export function useHeatmap(
  api: RadarApi,
  key: string | null,
  tiers: TierFilter,
  timeline = '',
): LoadState<HeatmapView> {
  const want = `${key}|${tiers}|${timeline}`
  const [result, setResult] = useState<{ want: string; load: LoadState<HeatmapView> }>({
    want: '',
    load: { state: 'loading' },
  })
  useEffect(() => {
    if (!key) return
    let live = true
    const id = `${key}|${tiers}|${timeline}`
    const fetchMap = (): void => {
      api.getHeatmap({ key, tiers }).then(
        (view) => live && setResult({ want: id, load: { state: 'ready', value: view } }),
        (err: unknown) => live && setResult({ want: id, load: { state: 'error', error: message(err) } }),
      )
    }
    fetchMap()
    const timer = setInterval(fetchMap, HEATMAP_REFRESH_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [api, key, tiers, timeline])
  return result.want === want ? result.load : { state: 'loading' }
}
