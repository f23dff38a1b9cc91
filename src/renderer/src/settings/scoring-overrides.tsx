import { useMemo, useState } from 'react'
import type { MetricId } from '../../../shared/scoring/metric-registry'
import { knobDef, knobGroupTitle, knobLabel, typedValue } from '../../../shared/scoring/config-knobs'
import type { OverrideKey } from './scoring-keys'
import { parseOverrides, scoringOverrideKeys } from './scoring-keys'
import { MetricTip } from '../components/metric-tooltip'
import './knob-table.css'

interface Props {
  overrides: Record<string, number>
  onSave: (overrides: Record<string, number>) => void
}

/** A key the knob table does not list yet is still editable, under its own name. */
const OTHER_GROUP = 'Other'

/**
 * Thresholds and weights, one row per knob under the metric it tunes (heading from the metric registry, with
 * its methodology tooltip): name, the value typed in the knob's unit, the default, and what it does. Blank
 * keeps the methodology's default.
 */
export function ScoringOverrides({ overrides, onSave }: Props) {
  const keys = useMemo(() => scoringOverrideKeys(), [])
  const [drafts, setDrafts] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, String(typedValue(k, v))])),
  )
  const [filter, setFilter] = useState('')
  const { overrides: parsed, errors } = parseOverrides(drafts)
  const changed = Object.keys(parsed).length
  const q = filter.trim().toLowerCase()
  const groups = new Map<string, { metric: MetricId | null; list: OverrideKey[] }>()
  for (const k of keys) {
    const d = knobDef(k.key)
    const title = d ? knobGroupTitle(d.metric) : OTHER_GROUP
    const text = `${k.key} ${title} ${d?.name ?? ''} ${d?.what ?? ''}`.toLowerCase()
    if (q && !text.includes(q)) continue
    const g = groups.get(title) ?? { metric: d?.metric ?? null, list: [] }
    g.list.push(k)
    groups.set(title, g)
  }
  const setDraft = (key: string, text: string): void => setDrafts((d) => ({ ...d, [key]: text }))
  return (
    <div className="scoring-overrides">
      <div className="form-actions">
        <input
          type="search"
          aria-label="Filter thresholds and weights"
          placeholder="Filter (funding, open interest, VPIN, weight…)"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted">{changed} changed from the defaults</span>
        <div className="toolbar-spacer" />
        <button type="button" onClick={() => setDrafts({})} disabled={Object.keys(drafts).length === 0}>
          Reset all to defaults
        </button>
        <button
          type="button"
          className="btn-primary"
          disabled={errors.length > 0}
          onClick={() => onSave(parsed)}
        >
          Save thresholds and weights
        </button>
      </div>
      {errors.length > 0 && (
        <ul className="inline-error" role="alert" aria-label="Threshold errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {[...groups].map(([title, g]) => (
        <section key={title} className="override-group" aria-label={title}>
          <h4>{g.metric ? <MetricTip id={g.metric}>{title}</MetricTip> : title}</h4>
          <table className="knob-table">
            <thead>
              <tr>
                <th>Setting</th>
                <th>Value</th>
                <th>Unit</th>
                <th>Default</th>
                <th>What it does</th>
              </tr>
            </thead>
            <tbody>
              {g.list.map((k) => (
                <OverrideRow key={k.key} k={k} draft={drafts[k.key] ?? ''} onChange={setDraft} />
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  )
}

function OverrideRow(props: {
  k: OverrideKey
  draft: string
  onChange: (key: string, text: string) => void
}) {
  const { k, draft, onChange } = props
  const d = knobDef(k.key)
  const shownDefault = typedValue(k.key, k.defaultValue).toLocaleString('en-US', { maximumFractionDigits: 8 })
  return (
    <tr className={draft.trim() ? 'knob-row changed' : 'knob-row'} data-knob={k.key}>
      <td title={k.key}>{d?.name ?? k.key}</td>
      <td>
        <input
          aria-label={d ? `${knobLabel(k.key)} (${d.unit})` : k.key}
          data-key={k.key}
          inputMode="decimal"
          placeholder={shownDefault}
          value={draft}
          onChange={(e) => onChange(k.key, e.target.value)}
        />
      </td>
      <td className="muted">{d?.unit ?? ''}</td>
      <td className="num muted">{shownDefault}</td>
      <td className="muted small" title={d?.what}>
        {d?.what ?? 'No description yet.'}
      </td>
    </tr>
  )
}
