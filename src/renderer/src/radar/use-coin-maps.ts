import { useEffect, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import type { MapWithin2Pct } from './coin-map-figure'
import { mapWithin2Pct } from './coin-map-figure'

/** How often the summed maps are asked for again (a map moves with OI and price, by the minute). */
const REFRESH_MS = 15_000

/**
 * Each shown coin's summed liquidation map (the scoring worker sums the venues' own maps), read down to its
 * ±2 % figure; a coin whose map cannot be built maps to its reason.
 */
export function useCoinMaps(
  api: RadarApi,
  coins: readonly { coin: string; keys: string[] }[],
): ReadonlyMap<string, MapWithin2Pct | string> {
  const [maps, setMaps] = useState<ReadonlyMap<string, MapWithin2Pct | string>>(new Map())
  const wanted = JSON.stringify(coins.map((c) => [c.coin, c.keys.slice(0, 8)]))
  useEffect(() => {
    let live = true
    const list = JSON.parse(wanted) as [string, string[]][]
    const load = (): void => {
      void Promise.all(
        list.map(([coin, keys]) =>
          api.getCoinMap({ keys }).then(
            (v): [string, MapWithin2Pct | string] => [
              coin,
              (v.map && mapWithin2Pct(v.map)) ?? v.unavailableReason ?? 'no summed map',
            ],
            (err: unknown): [string, string] => [coin, err instanceof Error ? err.message : String(err)],
          ),
        ),
      ).then((entries) => live && setMaps(new Map(entries)))
    }
    load()
    const t = setInterval(load, REFRESH_MS)
    return () => {
      live = false
      clearInterval(t)
    }
  }, [api, wanted])
  return maps
}
