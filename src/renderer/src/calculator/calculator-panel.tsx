import { useEffect, useMemo, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import type { HeatmapView } from '../../../shared/contract/heatmap'
import type { LeverageTiersView } from '../../../shared/contract/markets'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { calculateSize } from '../../../shared/sizing/calculate-size'
import { parseSizeRequest } from '../../../shared/sizing/size-request'
import { DEFAULT_TAKER_FEE } from '../../../shared/sizing/sizing-venue'
import { buildSizeRequest } from './build-request'
import { CalculatorInputs } from './calculator-inputs'
import type { CalculatorForm } from './calculator-form-state'
import { CalculatorResults } from './calculator-results'
import { lookupFromTiers } from './tiers-lookup'
import { plainVenueText } from './venue-text'

interface Props {
  api: RadarApi
  market: MarketSnapshot
  heatmap: HeatmapView | null
  heatmapReason: string | null
  atr: { value: number; label: string } | null
  /** The market's last price (or the last bar's close when the snapshot has none): the entry's default. */
  lastPrice: number | null
  onClose: () => void
}

const RISK_LEVELS = ['low', 'medium', 'high'] as const

/**
 * The one venue whose maintenance-margin tiers ship with the app (Binance USDⓈ-M, dated snapshot). No
 * published Bybit risk-limit table could be verified for bundling, and without tiers every Bybit answer
 * failed, so Bybit is not offered here; `radar size` still takes Bybit with a given maintenance rate.
 */
const CALCULATOR_VENUE = 'binanceusdm' as const
const NO_BYBIT =
  'Bybit is not offered: its maintenance-margin tiers are not bundled, so its liquidation price cannot be computed here.'

function initialForm(market: MarketSnapshot, atr: Props['atr'], entry: number | null): CalculatorForm {
  const venue = CALCULATOR_VENUE
  const rate = market.metrics['funding-rate']?.value ?? null
  const interval = market.metrics['funding-interval']?.value ?? null
  // Prices typed as the market quotes them; the stop starts 1 % away so the first answer is meaningful.
  const digits = entry === null ? 2 : entry >= 1000 ? 1 : entry >= 1 ? 4 : 6
  return {
    venue,
    symbol: market.symbol,
    marginMode: 'isolated',
    side: 'long',
    equity: '10000',
    isolatedMargin: '',
    riskMode: 'percent',
    risk: '1',
    entry: entry === null ? '' : entry.toFixed(digits),
    stop: entry === null ? '' : (entry * 0.99).toFixed(digits),
    leverage: '10',
    lotSize: '',
    feePct: (DEFAULT_TAKER_FEE[venue].rate * 100).toString(),
    makerFeePct: '0.02',
    fillAs: 'taker',
    holdingHours: '24',
    fundingRatePct: rate === null ? '' : (rate * 100).toFixed(4),
    fundingIntervalHours: interval === null ? '' : String(interval),
    atr: atr === null ? '' : atr.value.toPrecision(5),
    others: [],
    acceptCap: false,
  }
}

/** The position-size calculator: every input of a real order, every output and warning, keyboard-first. */
export function CalculatorPanel({ api, market, heatmap, heatmapReason, atr, lastPrice, onClose }: Props) {
  const [form, setForm] = useState<CalculatorForm>(() => initialForm(market, atr, lastPrice))
  const tiersKey = `${form.venue}:${form.symbol}`
  const [loaded, setLoaded] = useState<{
    key: string
    tiers: LeverageTiersView | null
    error: string | null
  }>({
    key: '',
    tiers: null,
    error: null,
  })
  const current = loaded.key === tiersKey
  const tiers = current ? loaded.tiers : null
  const tiersError = current ? loaded.error : null

  useEffect(() => {
    let live = true
    const key = `${form.venue}:${form.symbol}`
    api.getLeverageTiers({ venue: form.venue, symbol: form.symbol }).then(
      (v) => live && setLoaded({ key, tiers: v, error: null }),
      (err: unknown) =>
        live && setLoaded({ key, tiers: null, error: err instanceof Error ? err.message : String(err) }),
    )
    return () => {
      live = false
    }
  }, [api, form.venue, form.symbol])

  const label = market.labels['risk-level']
  const riskLevel = RISK_LEVELS.find((l) => l === label) ?? null
  const result = useMemo(() => {
    const built = buildSizeRequest(form, riskLevel)
    if (built.errors.length > 0) return { errors: built.errors, warnings: [] }
    const parsed = parseSizeRequest(built.request)
    if (!parsed.ok) return { errors: parsed.errors, warnings: [] }
    return calculateSize(parsed.request, lookupFromTiers(tiers))
  }, [form, riskLevel, tiers])

  return (
    <aside
      className="right-panel calculator"
      aria-label="Position-size calculator"
      data-testid="calculator"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose()
      }}
    >
      <div className="calc-title">
        <h2>Position size</h2>
        <span className="muted">
          {market.symbol} · {market.venue}
        </span>
        <button type="button" className="close" onClick={onClose} aria-label="Close the calculator">
          ×
        </button>
      </div>
      {market.venue !== CALCULATOR_VENUE && (
        <p className="calc-note" data-testid="calc-venue-note">
          {market.venue === 'bybit' ? `${NO_BYBIT} ` : `${market.venue} has no liquidation formula here. `}
          The figures use Binance USDS-M’s rules.
        </p>
      )}
      <p className="calc-note" data-testid="tiers-source" title={tiers ? tiers.source : undefined}>
        {tiers
          ? `Maintenance-margin tiers: ${plainVenueText(tiers.source)}, dated ${tiers.asOf}`
          : tiersError
            ? `No tiers: ${tiersError}`
            : 'Loading tiers…'}
      </p>
      <CalculatorInputs
        form={form}
        onChange={setForm}
        atrLabel={atr?.label ?? null}
        marketLot={tiers?.lot?.step ?? null}
      />
      <CalculatorResults
        result={result}
        marginMode={form.marginMode}
        onAcceptCap={() => setForm({ ...form, acceptCap: true })}
        riskLevel={riskLevel}
        heatmap={heatmap}
        heatmapReason={heatmapReason}
        entry={Number(form.entry)}
      />
    </aside>
  )
}
