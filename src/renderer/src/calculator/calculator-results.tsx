import type { HeatmapView, LiquidationCluster } from '../../../shared/contract/heatmap'
import type { PriceDistance } from '../../../shared/sizing/carry'
import type { SizeAnswer, SizeErrorAnswer } from '../../../shared/sizing/size-answer'
import { VENUE_NAMES } from '../../../shared/sizing/sizing-venue'
import { fmtPrice, fmtUsd } from '../format'
import { MetricTip } from '../components/metric-tooltip'
import { clustersBetween } from './clusters-between'
import { plainError } from './field-labels'
import { plainVenueText } from './venue-text'

interface Props {
  result: SizeAnswer | SizeErrorAnswer
  marginMode: 'isolated' | 'cross'
  /** Offered when an error names a capped size: take it instead of the refused one. */
  onAcceptCap: () => void
  riskLevel: string | null
  heatmap: HeatmapView | null
  heatmapReason: string | null
  entry: number
}

const qty = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : v.toLocaleString('en-US', { maximumFractionDigits: 6 })

/** The lot's source in a few words, dated (the full sentence is the tooltip). */
function lotSourceShort(source: string): string {
  const dated = source.match(/(recorded|loaded) (\d{4}-\d{2}-\d{2})/)
  if (!dated) return 'market'
  return `${dated[1] === 'recorded' ? 'exchangeInfo recorded' : 'venue markets loaded'} ${dated[2]}`
}

function distance(d: PriceDistance | null): string {
  if (!d) return 'n/a'
  return `${d.percent.toFixed(2)} %${d.atrMultiple === null ? '' : ` · ${d.atrMultiple.toFixed(2)} ATR`}`
}

function Clusters({ list, reason }: { list: LiquidationCluster[] | null; reason: string }) {
  if (list === null)
    return (
      <span className="value-na" title={reason}>
        n/a ({reason})
      </span>
    )
  if (list.length === 0) return <span>none</span>
  return (
    <span>{list.map((c) => `${fmtPrice(c.price)} (${c.positionSide}s, ${fmtUsd(c.usd)})`).join('; ')}</span>
  )
}

/** Every output of the calculator; warnings first, since they change what a trader should do. */
export function CalculatorResults({
  result,
  marginMode,
  onAcceptCap,
  riskLevel,
  heatmap,
  heatmapReason,
  entry,
}: Props) {
  const warnings = result.warnings
  if (!('quantity' in result)) {
    const cappable = result.errors.some((e) => e.message.includes('accept the capped size'))
    return (
      <div className="calc-results" aria-live="polite">
        <ul className="calc-errors" data-testid="calc-errors">
          {result.errors.map((e) => {
            const plain = plainError(e, marginMode)
            return (
              <li key={`${e.field}:${e.message}`}>
                <b>{plain.label}:</b> {plainVenueText(plain.message)}
              </li>
            )
          })}
        </ul>
        {cappable && (
          <button type="button" className="calc-accept-cap" onClick={onAcceptCap}>
            Use the capped size
          </button>
        )}
      </div>
    )
  }
  const r = result
  const ccy = r.settleCurrency
  const noMap = heatmapReason ?? 'the heatmap lists no clusters'
  return (
    <div className="calc-results" aria-live="polite" data-testid="calc-results">
      {warnings.length > 0 && (
        <ul className="calc-warnings" data-testid="calc-warnings">
          {warnings.map((w) => (
            <li key={w.code} className={`warn-${w.severity}`} data-code={w.code}>
              {plainVenueText(w.message)}
            </li>
          ))}
        </ul>
      )}
      <dl className="calc-out">
        <dt>Size</dt>
        <dd data-testid="calc-size">
          {qty(r.quantity)} base · {qty(r.quantityContracts)} contracts · {fmtUsd(r.notional)} notional
        </dd>
        <dt>Lot</dt>
        <dd data-testid="calc-lot" title={r.lot?.source}>
          {r.lot === null
            ? 'unknown: not rounded'
            : `step ${r.lot.step}` +
              (r.lot.min === null ? '' : ` · min ${r.lot.min}`) +
              (r.lot.tick === null ? '' : ` · tick ${r.lot.tick}`) +
              ` · ${r.lot.source.startsWith('request') ? 'typed' : lotSourceShort(r.lot.source)}`}
        </dd>
        {r.sizing && r.sizing.lotSizeBase !== null && (
          <>
            <dt>Lot rounding</dt>
            <dd>
              {`${qty(r.sizing.unroundedQuantityBase)} → ${qty(r.sizing.quantityBase)}, risk ${r.sizing.roundingRiskChangeUsd.toFixed(2)} ${ccy}`}
            </dd>
          </>
        )}
        <dt>Initial margin</dt>
        <dd>
          {r.initialMargin === null ? 'n/a (no leverage given)' : `${r.initialMargin.toFixed(2)} ${ccy}`}
        </dd>
        <dt>Tier</dt>
        <dd>
          {r.tier
            ? `#${r.tier.tier}: MMR ${(r.tier.maintenanceMarginRate * 100).toFixed(2)} %, amount ${r.tier.maintenanceAmount}, max ${r.tier.maxLeverage ?? '?'}×`
            : 'n/a'}
        </dd>
        <dt>Liquidation</dt>
        <dd className="liq-line" data-testid="calc-liquidation">
          <strong>{r.liquidationPrice === null ? 'none' : fmtPrice(r.liquidationPrice)}</strong>{' '}
          <span className="venue-tag">
            {plainVenueText(VENUE_NAMES[r.venue])} · {r.marginMode}
          </span>
          {r.liquidationPrice === null && r.liquidationPriceReason && (
            <span className="muted"> {r.liquidationPriceReason}</span>
          )}
          <span className="calc-formula">{plainVenueText(r.liquidationFormula)}</span>
          {r.liquidationPriceWithEntryTier !== null &&
            r.liquidationPriceWithEntryTier !== r.liquidationPrice && (
              <span className="calc-formula">
                entry tier alone would give {fmtPrice(r.liquidationPriceWithEntryTier)}
              </span>
            )}
        </dd>
        <dt>Entry → stop</dt>
        <dd>{distance(r.stopDistance)}</dd>
        <dt>Entry → liquidation</dt>
        <dd>{distance(r.liquidationDistance)}</dd>
        <dt>Loss at stop</dt>
        <dd data-testid="calc-loss">
          {r.lossAtStop === null
            ? 'n/a (no stop)'
            : `${r.lossAtStop.toFixed(2)} ${ccy} (fees ${((r.lossAtStopDetail?.entryFeeUsd ?? 0) + (r.lossAtStopDetail?.exitFeeUsd ?? 0)).toFixed(2)})`}
        </dd>
        <dt>Funding over hold</dt>
        <dd>
          {r.funding.value
            ? `${r.funding.value.cost >= 0 ? 'pay' : 'receive'} ${Math.abs(r.funding.value.cost).toFixed(2)} ${ccy} (${r.funding.value.periods.toFixed(2)} periods of ${r.funding.value.intervalHours} h)`
            : `n/a: ${r.funding.reason}`}
        </dd>
        <dt>
          <MetricTip id="risk-level">Risk-adjusted size</MetricTip>
        </dt>
        <dd data-testid="calc-risk-adjusted">
          {r.riskAdjusted.quantityBase === null
            ? 'n/a'
            : `${qty(r.riskAdjusted.quantityBase)} base (${fmtUsd(r.riskAdjusted.quantityBase * r.entryPrice)})`}
          <span className="calc-formula">
            composite {riskLevel ?? 'unknown'}: {r.riskAdjusted.reason}
          </span>
        </dd>
        <dt>Clusters entry → stop</dt>
        <dd>
          <Clusters list={clustersBetween(heatmap, entry, r.stopPrice)} reason={noMap} />
        </dd>
        <dt>Clusters entry → liq.</dt>
        <dd>
          <Clusters list={clustersBetween(heatmap, entry, r.liquidationPrice)} reason={noMap} />
        </dd>
        <dt>Fee</dt>
        <dd>
          {(r.feeRate * 100).toFixed(3)} % per side · {r.feeRateSource}
        </dd>
        <dt>Tiers</dt>
        <dd>
          {plainVenueText(r.tiersSource.description)}
          {r.tiersSource.date ? ` (${r.tiersSource.date})` : ''}
        </dd>
      </dl>
    </div>
  )
}
