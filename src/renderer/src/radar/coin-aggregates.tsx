import { Fragment, useMemo, useState } from 'react'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { fmtPct, fmtUsd } from '../format'
import { aggregateByCoin } from './coin-aggregate'
import type { CoinAggregate, VenueLeg } from './coin-aggregate'
import './coin-aggregates.css'

interface Props {
  snapshots: Map<string, MarketSnapshot>
  onOpen: (key: string) => void
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
export function CoinAggregates({ snapshots, onOpen }: Props) {
  const aggregates = useMemo(() => aggregateByCoin(snapshots.values()), [snapshots])
  const [open, setOpen] = useState<Set<string>>(new Set())
  if (aggregates.length === 0) return null
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
        </tr>
      </thead>
      <tbody>
        {aggregates.map((a) => (
          <Fragment key={a.coin}>
            <AggregateRow agg={a} expanded={open.has(a.coin)} onToggle={() => toggle(a.coin)} />
            {open.has(a.coin) && a.legs.map((l) => <LegRow key={l.key} leg={l} onOpen={onOpen} />)}
          </Fragment>
        ))}
      </tbody>
    </table>
  )
}

function AggregateRow({
  agg,
  expanded,
  onToggle,
}: {
  agg: CoinAggregate
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
    </tr>
  )
}
