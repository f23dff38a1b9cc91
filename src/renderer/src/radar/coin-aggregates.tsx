import { Fragment, useMemo, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { fmtPct, fmtUsd } from '../format'
import { aggregateByCoin } from './coin-aggregate'
import type { CoinAggregate, VenueLeg } from './coin-aggregate'
import type { MapWithin2Pct } from './coin-map-figure'
import { useCoinMaps } from './use-coin-maps'
import './coin-aggregates.css'

interface Props {
  api: RadarApi
  snapshots: ReadonlyMap<string, MarketSnapshot>
  onOpen: (key: string) => void
}

/** Coins shown before "show all": with the universe, hundreds of coins trade on two venues or more. */
const TOP_COINS = 10

function fmtMap(m: MapWithin2Pct | string | undefined): string {
  if (m === undefined) return '…'
  if (typeof m === 'string') return 'n/a'
  return `${fmtUsd(m.longsUsd)} ↓ / ${fmtUsd(m.shortsUsd)} ↑`
}

function mapNote(m: MapWithin2Pct | string | undefined): string {
  if (m === undefined) return 'asking the scoring worker for the summed map'
  if (typeof m === 'string') return m
  const lead =
    'Longs liquidated by a 2 % fall / shorts by a 2 % rise, summed over the venues’ own maps (each with its own tiers)'
  return m.missing.length === 0
    ? lead
    : `${lead}; not in the sum: ${m.missing.map((x) => `${x.key} (${x.reason})`).join('; ')}`
}

/** Funding per hour in percent with enough digits for a typical 0.0013 %/h. */
const fmtRateH = (v: number | null): string => (v === null ? 'n/a' : `${fmtPct(v, 4)}/h`)
const fmtLiq = (long: number | null, short: number | null): string =>
  long === null && short === null ? 'n/a' : `${fmtUsd(long)} / ${fmtUsd(short)}`

/**
 * Coins listed on two or more venues, one row each: OI summed in USD, funding weighted by each venue's OI,
 * the venues' funding spread and liquidations summed; a row expands into its venue rows. A venue lacking a
 * value is left out of that sum and named under the row, so a partial sum never passes for a whole one.
 */
export function CoinAggregates({ api, snapshots, onOpen }: Props) {
  const all = useMemo(() => aggregateByCoin(snapshots.values()), [snapshots])
  const [open, setOpen] = useState<Set<string>>(new Set())
  const [showAll, setShowAll] = useState(false)
  const aggregates = showAll ? all : all.slice(0, TOP_COINS)
  const maps = useCoinMaps(
    api,
    aggregates.map((a) => ({ coin: a.coin, keys: a.legs.map((l) => l.key) })),
  )
  if (all.length === 0) return null
  const toggle = (coin: string): void =>
    setOpen((prev) => {
      const next = new Set(prev)
      if (next.has(coin)) next.delete(coin)
      else next.add(coin)
      return next
    })
  return (
    <table className="coin-aggregates" data-testid="coin-aggregates" aria-label="Coins across venues">
      <thead>
        <tr>
          <th>Coin (all venues)</th>
          <th>OI (USD)</th>
          <th title="Each venue's funding per hour, weighted by its open interest in USD">
            Funding, OI-weighted
          </th>
          <th>APR</th>
          <th title="Highest minus lowest funding per hour across the venues">Funding spread</th>
          <th>Liquidations 1 h long / short</th>
          <th title="Longs liquidated by a 2 % fall / shorts by a 2 % rise, from the venues' maps summed">
            Liq. map ±2 %
          </th>
        </tr>
      </thead>
      <tbody>
        {aggregates.map((a) => (
          <Fragment key={a.coin}>
            <AggregateRow
              agg={a}
              map={maps.get(a.coin)}
              expanded={open.has(a.coin)}
              onToggle={() => toggle(a.coin)}
            />
            {open.has(a.coin) && a.legs.map((l) => <LegRow key={l.key} leg={l} onOpen={onOpen} />)}
          </Fragment>
        ))}
        {all.length > TOP_COINS && (
          <tr>
            <td colSpan={7}>
              <button type="button" className="link-button" onClick={() => setShowAll((v) => !v)}>
                {showAll
                  ? `Show the top ${TOP_COINS} by OI`
                  : `Show all ${all.length} coins on two venues or more`}
              </button>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  )
}

function AggregateRow({
  agg,
  map,
  expanded,
  onToggle,
}: {
  agg: CoinAggregate
  map: MapWithin2Pct | string | undefined
  expanded: boolean
  onToggle: () => void
}) {
  return (
    <tr className="coin-aggregate-row" data-testid="coin-aggregate" data-coin={agg.coin}>
      <td>
        <button type="button" className="link-button" aria-expanded={expanded} onClick={onToggle}>
          {expanded ? '▾' : '▸'} {agg.coin} · {agg.legs.length} venues
        </button>
        {agg.missing.length > 0 && (
          <div className="muted coin-missing" data-testid="coin-missing">
            partial: {agg.missing.join('; ')}
          </div>
        )}
      </td>
      <td data-testid="coin-oi">{fmtUsd(agg.oiUsd)}</td>
      <td data-testid="coin-funding">{fmtRateH(agg.fundingRatePerHourOiWeighted)}</td>
      <td>{fmtPct(agg.fundingAprOiWeighted, 1)}</td>
      <td data-testid="coin-spread">{fmtRateH(agg.fundingSpreadPerHour)}</td>
      <td>{fmtLiq(agg.liqLong1hUsd, agg.liqShort1hUsd)}</td>
      <td data-testid="coin-map" title={mapNote(map)}>
        {fmtMap(map)}
      </td>
    </tr>
  )
}

function LegRow({ leg, onOpen }: { leg: VenueLeg; onOpen: (key: string) => void }) {
  return (
    <tr className="coin-leg-row" data-testid="coin-leg" data-key={leg.key}>
      <td>
        <button type="button" className="link-button" onClick={() => onOpen(leg.key)}>
          {leg.venue} · {leg.symbol}
        </button>
      </td>
      <td>{fmtUsd(leg.oiUsd)}</td>
      <td>{fmtRateH(leg.fundingRatePerHour)}</td>
      <td>{leg.fundingRatePerHour === null ? 'n/a' : fmtPct(leg.fundingRatePerHour * 8760, 1)}</td>
      <td />
      <td>{fmtLiq(leg.liqLong1hUsd, leg.liqShort1hUsd)}</td>
      <td />
    </tr>
  )
}
