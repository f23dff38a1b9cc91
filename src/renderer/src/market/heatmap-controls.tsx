import type { HeatmapView } from '../../../shared/contract/heatmap'
import { MAP_SEED } from '../../../shared/metric-warming'
import { MapReach } from '../components/map-reach'
import { WarmingText, useHistoryWarming } from '../components/warming-badge'
import { fmtUsd } from '../components/metric-format'
import { COLOR_TABLE, usdAtLevel } from './heatmap-grid'
import type { HeatmapLayers, HeatScale } from './heatmap-grid'
import type { LoadState, TierFilter } from './use-market-data'

interface Props {
  heatmap: LoadState<HeatmapView>
  layers: HeatmapLayers
  onLayers: (l: HeatmapLayers) => void
  tiers: TierFilter
  onTiers: (t: TierFilter) => void
  maxUsd: number
  /** Whose map: while its seed history loads (or was refused), the pane says so instead of a bare reason. */
  marketKey: string
}

const GRADIENT = (() => {
  const stops: string[] = []
  for (let i = 0; i <= 8; i++) {
    const k = Math.round((i / 8) * 255) * 4
    stops.push(
      `rgba(${COLOR_TABLE[k]},${COLOR_TABLE[k + 1]},${COLOR_TABLE[k + 2]},${(COLOR_TABLE[k + 3]! / 255).toFixed(2)})`,
    )
  }
  return `linear-gradient(to right, ${stops.join(', ')})`
})()

/** Legend tick positions along the colour ramp (their USD depends on the scale). */
const TICKS = [0, 0.25, 0.5, 0.75, 1]

/** Layer toggles, leverage-tier filter and the colour legend of the liquidation heatmap. */
export function HeatmapControls({ heatmap, layers, onLayers, tiers, onTiers, maxUsd, marketKey }: Props) {
  const scale: HeatScale = layers.scale ?? 'linear'
  const view = heatmap.state === 'ready' ? heatmap.value : null
  const reason =
    heatmap.state === 'error'
      ? heatmap.error
      : (view?.unavailableReason ?? (heatmap.state === 'loading' ? 'loading…' : null))
  const warming = useHistoryWarming(marketKey, MAP_SEED)
  return (
    <div className="heatmap-controls" role="group" aria-label="Liquidation heatmap">
      <span className="ctl-label">Heatmap</span>
      <label className="toggle">
        <input
          type="checkbox"
          checked={layers.longs}
          onChange={(e) => onLayers({ ...layers, longs: e.target.checked })}
        />
        Longs
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={layers.shorts}
          onChange={(e) => onLayers({ ...layers, shorts: e.target.checked })}
        />
        Shorts
      </label>
      <label className="toggle">
        <span className="sr-only">Leverage tiers</span>
        <select
          value={tiers}
          onChange={(e) => onTiers(e.target.value as TierFilter)}
          aria-label="Leverage tiers"
        >
          <option value="all">All leverage</option>
          <option value="high">High ≥ 25×</option>
          <option value="low">Low &lt; 25×</option>
        </select>
      </label>
      {reason ? (
        <span className="heatmap-reason" data-testid="heatmap-reason" title={reason}>
          {warming && heatmap.state !== 'error' ? (
            <>
              <WarmingText w={warming} /> ({reason})
            </>
          ) : heatmap.state === 'error' ? (
            `Heatmap unavailable: ${reason}`
          ) : (
            reason
          )}
        </span>
      ) : (
        <span className="heat-legend" data-testid="heatmap-legend" title={view?.assumptions.join('\n')}>
          <span className="legend-scale" style={{ display: 'inline-flex', flexDirection: 'column' }}>
            <span className="legend-bar" style={{ background: GRADIENT, width: '260px' }} />
            <span
              className="legend-ticks"
              data-testid="heatmap-legend-ticks"
              style={{
                display: 'flex',
                justifyContent: 'space-between',
                width: '260px',
                fontSize: '10px',
                gap: '4px',
              }}
            >
              {TICKS.map((t) => (
                <span key={t} className="legend-tick">
                  {fmtUsd(usdAtLevel(t, maxUsd, scale))}
                </span>
              ))}
            </span>
          </span>
          <label className="toggle">
            <span className="sr-only">Colour scale</span>
            <select
              value={scale}
              onChange={(e) => onLayers({ ...layers, scale: e.target.value as HeatScale })}
              aria-label="Heatmap colour scale"
            >
              <option value="linear">Linear</option>
              <option value="log">Log</option>
            </select>
          </label>
          <span className="muted"> est. USD per cell</span>
        </span>
      )}
      <MapReach view={view} />
    </div>
  )
}
