import type { CoinMapView } from '../../../shared/contract/heatmap'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { fmtPct, fmtPrice, fmtUsd } from '../format'
import type { CoinAggregate } from '../radar/coin-aggregate'
import { aggregateLegs, legOf } from '../radar/coin-aggregate'
import { largestCluster, usdWithin } from './coin-scope'
import type { LoadState } from './use-market-data'

interface Props {
  coin: string
  /** The coin's perps, the charted market first. */
  legs: MarketSnapshot[]
  map: LoadState<CoinMapView>
  onVenue: (key: string) => void
}

/** Funding per hour in percent with enough digits for a typical 0.0013 %/h. */
const perHour = (v: number | null): string => (v === null ? 'n/a' : `${fmtPct(v, 4)}/h`)
const longShort = (long: number | null, short: number | null): string =>
  long === null && short === null ? 'n/a' : `${fmtUsd(long)} / ${fmtUsd(short)}`

/**
 * The market view's "All venues": the coin's OI summed in USD, funding weighted by each venue's OI, the
 * venues' funding spread, liquidations summed, and the liquidation map summed over the venues' own maps. A
 * venue lacking a value is left out of that sum and named, so a partial sum never passes for a whole one.
 */
export function CoinPanel({ coin, legs, map, onVenue }: Props) {
  const agg: CoinAggregate = aggregateLegs(coin, legs.map(legOf))
  const venues = [...new Set(legs.map((l) => l.venue))]
  return (
    <aside
      className="right-panel signals coin-panel"
      aria-label={`${coin} on all venues`}
      data-testid="coin-panel"
    >
      <h3>
        {coin} · all venues <span className="muted small">({venues.join(', ')})</span>
      </h3>
      <dl className="facts">
        <div className="fact-row">
          <dt title="Open interest in USD, summed over the venues that report it">OI (USD), summed</dt>
          <dd data-testid="coin-panel-oi">{fmtUsd(agg.oiUsd)}</dd>
        </div>
        <div className="fact-row">
          <dt title="Each venue's funding per hour, weighted by its open interest in USD">
            Funding, OI-weighted
          </dt>
          <dd data-testid="coin-panel-funding">{perHour(agg.fundingRatePerHourOiWeighted)}</dd>
        </div>
        <div className="fact-row">
          <dt>Funding APR, OI-weighted</dt>
          <dd>{fmtPct(agg.fundingAprOiWeighted, 1)}</dd>
        </div>
        <div className="fact-row">
          <dt title="Highest minus lowest funding per hour across the venues">Funding spread</dt>
          <dd data-testid="coin-panel-spread">{perHour(agg.fundingSpreadPerHour)}</dd>
        </div>
        <div className="fact-row">
          <dt>Liquidations 1 h, long / short</dt>
          <dd data-testid="coin-panel-liq-1h">{longShort(agg.liqLong1hUsd, agg.liqShort1hUsd)}</dd>
        </div>
        <div className="fact-row">
          <dt>Liquidations 24 h, long / short</dt>
          <dd>{longShort(agg.liqLong24hUsd, agg.liqShort24hUsd)}</dd>
        </div>
      </dl>
      {agg.missing.length > 0 && (
        <p className="muted small" data-testid="coin-panel-missing">
          Partial: {agg.missing.join('; ')}.
        </p>
      )}
      <h3>By venue</h3>
      <table className="coin-venues" data-testid="coin-panel-venues">
        <thead>
          <tr>
            <th>Venue</th>
            <th>OI (USD)</th>
            <th>Funding</th>
            <th>Liq. 1 h L / S</th>
          </tr>
        </thead>
        <tbody>
          {agg.legs.map((l) => (
            <tr key={l.key} data-key={l.key}>
              <td>
                <button type="button" className="link-button" onClick={() => onVenue(l.key)} title={l.key}>
                  {l.venue}
                </button>
              </td>
              <td>{fmtUsd(l.oiUsd)}</td>
              <td>{perHour(l.fundingRatePerHour)}</td>
              <td>{longShort(l.liqLong1hUsd, l.liqShort1hUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Liquidation map, summed</h3>
      <CoinMap map={map} />
    </aside>
  )
}

function CoinMap({ map }: { map: LoadState<CoinMapView> }) {
  if (map.state === 'loading') return <p className="muted small">Loading the venues’ maps…</p>
  if (map.state === 'error') return <p className="inline-error">Summed map unavailable: {map.error}</p>
  const view = map.value
  const m = view.map
  if (!m) return <p className="muted small">No summed map: {view.unavailableReason}.</p>
  const below = largestCluster(m, 'long')
  const above = largestCluster(m, 'short')
  const near1 = usdWithin(m, 1)
  const near2 = usdWithin(m, 2)
  const tick = m.priceStep
  return (
    <div data-testid="coin-map">
      <p className="small">
        Around {fmtPrice(m.referencePrice, tick)} ({view.referenceKey}), bins of {fmtPrice(tick, tick)}, from
        the maps of {m.venues.length > 0 ? m.venues.join(', ') : 'no venue yet'}.
      </p>
      {m.missing.length > 0 && (
        <p className="muted small" data-testid="coin-map-missing">
          Not in the sum: {m.missing.map((x) => `${x.key} (${x.reason})`).join('; ')}.
        </p>
      )}
      {m.venues.length > 0 && (
        <>
          <dl className="facts">
            <div className="fact-row">
              <dt>Largest long cluster below</dt>
              <dd>{below ? `${fmtPrice(below.price, tick)} · ${fmtUsd(below.usd)}` : 'none in ±10 %'}</dd>
            </div>
            <div className="fact-row">
              <dt>Largest short cluster above</dt>
              <dd>{above ? `${fmtPrice(above.price, tick)} · ${fmtUsd(above.usd)}` : 'none in ±10 %'}</dd>
            </div>
            <div className="fact-row">
              <dt>Within 1 % (longs / shorts)</dt>
              <dd>{longShort(near1.longUsd, near1.shortUsd)}</dd>
            </div>
            <div className="fact-row">
              <dt>Within 2 % (longs / shorts)</dt>
              <dd>{longShort(near2.longUsd, near2.shortUsd)}</dd>
            </div>
          </dl>
          <table className="scenario-table" data-testid="coin-map-scenarios">
            <thead>
              <tr>
                <th>Move</th>
                <th>Longs liquidated</th>
                <th>Shorts liquidated</th>
              </tr>
            </thead>
            <tbody>
              {m.scenarios.map((s) => (
                <tr
                  key={s.movePct}
                  title={Object.entries(s.byVenue)
                    .map(([k, v]) => `${k}: ${fmtUsd(s.movePct < 0 ? v.longsUsd : v.shortsUsd)}`)
                    .join('\n')}
                >
                  <td>{`${s.movePct > 0 ? '+' : ''}${s.movePct} %`}</td>
                  <td>{s.movePct < 0 ? fmtUsd(s.longsLiquidatedUsd) : '—'}</td>
                  <td>{s.movePct > 0 ? fmtUsd(s.shortsLiquidatedUsd) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
