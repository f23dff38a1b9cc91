import type { MarketSnapshot } from '../../../shared/scoring/snapshot'

interface Props {
  /** The coin's perps, the chart's market first. */
  legs: MarketSnapshot[]
  coin: string
  selectedKey: string
  allVenues: boolean
  onAll: () => void
  onVenue: (key: string) => void
}

/**
 * Aggregate or one venue: a coin traded on several venues can be read as a whole (OI summed, funding weighted
 * by OI, liquidations and the liquidation map summed) or venue by venue. The chart always draws one venue's
 * candles: the aggregate's figures are prices-free sums, its map is centred on the charted venue's price.
 */
export function VenueSwitch({ legs, coin, selectedKey, allVenues, onAll, onVenue }: Props) {
  const venues = new Set(legs.map((l) => l.venue))
  if (venues.size < 2) return null
  const sorted = [...legs].sort((a, b) => a.venue.localeCompare(b.venue))
  return (
    <div
      className="venue-switch tf-group"
      role="group"
      aria-label="Aggregate or one venue"
      data-testid="venue-switch"
    >
      <button
        type="button"
        className={allVenues ? 'tf active' : 'tf'}
        aria-pressed={allVenues}
        onClick={onAll}
        title={`${coin} summed over ${[...venues].sort().join(', ')}`}
      >
        All venues ({venues.size})
      </button>
      {sorted.map((l) => {
        const active = !allVenues && l.key === selectedKey
        return (
          <button
            key={l.key}
            type="button"
            className={active ? 'tf active' : 'tf'}
            aria-pressed={active}
            onClick={() => onVenue(l.key)}
            title={l.key}
          >
            {l.venue}
          </button>
        )
      })}
    </div>
  )
}
