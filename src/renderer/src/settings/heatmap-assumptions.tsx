import { useState } from 'react'
import { HEATMAP_CALIBRATION } from '../../../shared/heatmap/heatmap-calibration'
import type { Settings } from '../../../shared/settings'

type Assumptions = Settings['heatmap']

interface Props {
  value: Assumptions
  onSave: (heatmap: Assumptions) => void
}

interface Draft {
  levels: { leverage: string; weight: string }[]
  cellPct: string
  decayHalfLifeHours: string
  positionNotionalUsd: string
}

const toDraft = (a: Assumptions): Draft => ({
  levels: a.levels.map((l) => ({ leverage: String(l.leverage), weight: String(l.weight * 100) })),
  cellPct: String(a.cellPct),
  decayHalfLifeHours: String(a.decayHalfLifeHours),
  positionNotionalUsd: String(a.positionNotionalUsd),
})

/** Checks a draft in the units the user typed (weights in %); returns the settings block or the problems. */
export function parseHeatmapDraft(d: Draft): { value: Assumptions | null; errors: string[] } {
  const errors: string[] = []
  const num = (text: string, what: string, ok: (n: number) => boolean): number => {
    const n = Number(text.trim())
    if (!text.trim() || !Number.isFinite(n) || !ok(n)) errors.push(what)
    return n
  }
  const levels = d.levels.map((l, i) => ({
    leverage: num(l.leverage, `row ${i + 1}: leverage must be 1–200`, (n) => n >= 1 && n <= 200),
    weight: num(l.weight, `row ${i + 1}: weight must be 0–100 %`, (n) => n >= 0 && n <= 100) / 100,
  }))
  const total = levels.reduce((a, l) => a + l.weight, 0)
  if (levels.length === 0) errors.push('at least one leverage level is needed')
  else if (Math.abs(total - 1) > 1e-6)
    errors.push(`weights add up to ${(total * 100).toFixed(1)} %, not 100 %`)
  const value = {
    levels,
    cellPct: num(d.cellPct, 'cell size must be above 0 and at most 5 %', (n) => n > 0 && n <= 5),
    decayHalfLifeHours: num(d.decayHalfLifeHours, 'half-life must be above 0 hours', (n) => n > 0),
    positionNotionalUsd: num(d.positionNotionalUsd, 'position size must be above 0 USD', (n) => n > 0),
  }
  return errors.length > 0 ? { value: null, errors } : { value, errors }
}

/** The liquidation heatmap's assumptions: shown as assumptions, editable, applied to maps built afterwards. */
export function HeatmapAssumptionsEditor({ value, onSave }: Props) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(value))
  const { value: parsed, errors } = parseHeatmapDraft(draft)
  const setLevel = (i: number, patch: Partial<Draft['levels'][number]>): void =>
    setDraft((d) => ({ ...d, levels: d.levels.map((l, j) => (j === i ? { ...l, ...patch } : l)) }))
  return (
    <div data-testid="heatmap-assumptions">
      <p className="help">
        These are assumptions, not facts: no venue publishes the leverage of open positions. New open interest
        is spread over this leverage mix and each level is placed at its maintenance-margin tier for a
        position of the size below. Changes apply to maps built from now on (reopen a session to rebuild its
        map).
      </p>
      <p className="help muted" data-testid="heatmap-defaults-provenance">
        Defaults: {HEATMAP_CALIBRATION.provenance}
      </p>
      <table className="data-table" aria-label="Leverage mix">
        <thead>
          <tr>
            <th>Leverage (x)</th>
            <th>Share of new positions (%)</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {draft.levels.map((l, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Leverage ${i + 1}`}
                  value={l.leverage}
                  onChange={(e) => setLevel(i, { leverage: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Weight ${i + 1}`}
                  value={l.weight}
                  onChange={(e) => setLevel(i, { weight: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Remove level ${i + 1}`}
                  onClick={() => setDraft((d) => ({ ...d, levels: d.levels.filter((_, j) => j !== i) }))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button
          type="button"
          onClick={() => setDraft((d) => ({ ...d, levels: [...d.levels, { leverage: '', weight: '' }] }))}
        >
          Add level
        </button>
        <label>
          Cell size (% of price){' '}
          <input
            aria-label="Cell size (% of price)"
            value={draft.cellPct}
            onChange={(e) => setDraft({ ...draft, cellPct: e.target.value })}
          />
        </label>
        <label>
          Decay half-life (h){' '}
          <input
            aria-label="Decay half-life (hours)"
            value={draft.decayHalfLifeHours}
            onChange={(e) => setDraft({ ...draft, decayHalfLifeHours: e.target.value })}
          />
        </label>
        <label>
          Assumed position (USD){' '}
          <input
            aria-label="Assumed position size (USD)"
            value={draft.positionNotionalUsd}
            onChange={(e) => setDraft({ ...draft, positionNotionalUsd: e.target.value })}
          />
        </label>
        <button
          type="button"
          className="btn-primary"
          disabled={parsed === null}
          onClick={() => parsed && onSave(parsed)}
        >
          Save heatmap assumptions
        </button>
      </div>
      {errors.length > 0 && <p className="inline-error">{errors.join('; ')}</p>}
    </div>
  )
}
