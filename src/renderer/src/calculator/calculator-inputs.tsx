import type { ReactNode } from 'react'
import type { CalculatorForm, OtherPositionForm } from './calculator-form-state'

interface Props {
  form: CalculatorForm
  onChange: (f: CalculatorForm) => void
  atrLabel: string | null
  /** The market's own quantity step, used when the field is blank; null when the source has none. */
  marketLot: number | null
}

function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="calc-field">
      <span className="calc-label">{label}</span>
      {children}
      {hint && <span className="calc-hint">{hint}</span>}
    </label>
  )
}

/** Markets offered for a new other position: the first not already held, so it never repeats the position. */
const OTHER_MARKETS = ['ETH/USDT:USDT', 'BTC/USDT:USDT', 'SOL/USDT:USDT', 'BNB/USDT:USDT', 'XRP/USDT:USDT']

function newOther(f: CalculatorForm): OtherPositionForm {
  const held = new Set([f.symbol, ...f.others.map((o) => o.symbol)])
  return {
    symbol: OTHER_MARKETS.find((m) => !held.has(m)) ?? '',
    side: 'long',
    quantity: '',
    entryPrice: '',
    markPrice: '',
  }
}

/** Every input, each a labelled native control: Tab walks them in reading order, arrows work in selects. */
export function CalculatorInputs({ form: f, onChange, atrLabel, marketLot }: Props) {
  const set = <K extends keyof CalculatorForm>(k: K, v: CalculatorForm[K]) => onChange({ ...f, [k]: v })
  const text = (k: keyof CalculatorForm, label: string, hint?: string) => (
    <Field label={label} hint={hint}>
      <input
        inputMode="decimal"
        value={f[k] as string}
        onChange={(e) => set(k, e.target.value as never)}
        name={k}
      />
    </Field>
  )
  /** A labelled select over a field whose values are the options' keys. */
  const choice = <K extends 'side' | 'marginMode' | 'fillAs'>(
    k: K,
    label: string,
    options: readonly (readonly [CalculatorForm[K], string])[],
  ) => (
    <Field label={label}>
      <select value={f[k]} onChange={(e) => set(k, e.target.value as CalculatorForm[K])} name={k}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  )
  const setOther = (i: number, patch: Partial<OtherPositionForm>) =>
    set(
      'others',
      f.others.map((o, j) => (j === i ? { ...o, ...patch } : o)),
    )
  return (
    <form className="calc-inputs" onSubmit={(e) => e.preventDefault()} aria-label="Calculator inputs">
      <div className="calc-grid">
        {choice('side', 'Side', [
          ['long', 'Long'],
          ['short', 'Short'],
        ])}
        {choice('marginMode', 'Margin mode', [
          ['isolated', 'Isolated'],
          ['cross', 'Cross'],
        ])}
        <Field label="Liquidation rules">
          <span className="calc-fixed" data-testid="calc-venue">
            Binance USDS-M
          </span>
        </Field>
        {text('equity', f.marginMode === 'cross' ? 'Wallet balance (USD)' : 'Account equity (USD)')}
        <Field label="Risk per trade" hint={f.riskMode === 'percent' ? '% of equity' : 'USD at the stop'}>
          <span className="calc-pair">
            <input
              inputMode="decimal"
              value={f.risk}
              onChange={(e) => set('risk', e.target.value)}
              name="risk"
              aria-label="Risk per trade"
            />
            <select
              value={f.riskMode}
              onChange={(e) => set('riskMode', e.target.value as CalculatorForm['riskMode'])}
              aria-label="Risk unit"
            >
              <option value="percent">%</option>
              <option value="usd">USD</option>
            </select>
          </span>
        </Field>
        {text('entry', 'Entry price', 'prefilled from the last price')}
        {text('stop', 'Stop price')}
        {text('leverage', 'Leverage (×)')}
        {f.marginMode === 'isolated' &&
          text('isolatedMargin', 'Isolated margin (USD)', 'blank: notional / leverage')}
        {text(
          'lotSize',
          'Lot size (base)',
          marketLot === null ? 'blank: not rounded' : `blank: the market's ${marketLot}`,
        )}
        {text('feePct', 'Taker fee %')}
        {text('makerFeePct', 'Maker fee %')}
        {choice('fillAs', 'Fills pay', [
          ['taker', 'Taker fee'],
          ['maker', 'Maker fee'],
        ])}
        {text('holdingHours', 'Holding time (h)')}
        {text('fundingRatePct', 'Funding % / period', 'current rate')}
        {text('fundingIntervalHours', 'Funding interval (h)')}
        {text('atr', 'ATR (price)', atrLabel ?? 'blank: no ATR distances')}
        <label className="calc-field calc-check">
          <input
            type="checkbox"
            checked={f.acceptCap}
            onChange={(e) => set('acceptCap', e.target.checked)}
            name="acceptCap"
          />
          <span className="calc-label">Cap the size at the venue and equity limits</span>
        </label>
      </div>
      {f.marginMode === 'cross' && (
        <fieldset className="calc-others">
          <legend>Other open positions (cross margin)</legend>
          {f.others.map((o, i) => (
            <div key={i} className="other-row" role="group" aria-label={`Other position ${i + 1}`}>
              <input
                aria-label={`Position ${i + 1} symbol`}
                value={o.symbol}
                onChange={(e) => setOther(i, { symbol: e.target.value })}
              />
              <select
                aria-label={`Position ${i + 1} side`}
                value={o.side}
                onChange={(e) => setOther(i, { side: e.target.value as 'long' | 'short' })}
              >
                <option value="long">Long</option>
                <option value="short">Short</option>
              </select>
              <input
                aria-label={`Position ${i + 1} size (base)`}
                placeholder="size"
                value={o.quantity}
                onChange={(e) => setOther(i, { quantity: e.target.value })}
              />
              <input
                aria-label={`Position ${i + 1} entry`}
                placeholder="entry"
                value={o.entryPrice}
                onChange={(e) => setOther(i, { entryPrice: e.target.value })}
              />
              <input
                aria-label={`Position ${i + 1} mark`}
                placeholder="mark"
                value={o.markPrice}
                onChange={(e) => setOther(i, { markPrice: e.target.value })}
              />
              <button
                type="button"
                aria-label={`Remove position ${i + 1}`}
                onClick={() =>
                  set(
                    'others',
                    f.others.filter((_, j) => j !== i),
                  )
                }
              >
                ×
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set('others', [...f.others, newOther(f)])}>
            Add position
          </button>
        </fieldset>
      )}
    </form>
  )
}
