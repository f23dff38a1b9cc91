import { useMemo, useState } from 'react'
import type { OverrideKey } from './scoring-keys'
import { parseOverrides, scoringOverrideKeys } from './scoring-keys'
import { MetricTip } from '../components/metric-tooltip'
import { overrideGroup, overrideLabel } from './override-labels'
import type { OverrideGroup } from './override-labels'

/** "fundingHistoryDays: "x" is not a number" → "Funding history (d): "x" is not a number". */
function plainError(e: string): string {
  const [key, ...rest] = e.split(': ')
  const l = overrideLabel(key ?? '')
  return `${l.name}${l.unit ? ` (${l.unit})` : ''}: ${rest.join(': ')}`
}

interface Props {
  overrides: Record<string, number>
  onSave: (overrides: Record<string, number>) => void
}

/** Thresholds and weights: blank keeps the methodology's default (shown as the placeholder). */
export function ScoringOverrides({ overrides, onSave }: Props) {
  const keys = useMemo(() => scoringOverrideKeys(), [])
  const [drafts, setDrafts] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, String(v)])),
  )
  const [filter, setFilter] = useState('')
  const { overrides: parsed, errors } = parseOverrides(drafts)
  const changed = Object.keys(parsed).length
  const q = filter.trim().toLowerCase()
  const visible = keys.filter(
    (k) =>
      k.key.toLowerCase().includes(q) ||
      overrideLabel(k.key).name.toLowerCase().includes(q) ||
      overrideGroup(k.key).name.toLowerCase().includes(q),
  )
  const groups: [OverrideGroup, OverrideKey[]][] = []
  for (const k of visible) {
    const g = overrideGroup(k.key)
    const found = groups.find(([x]) => x === g)
    if (found) found[1].push(k)
    else groups.push([g, [k]])
  }
  const setDraft = (key: string, text: string): void => setDrafts((d) => ({ ...d, [key]: text }))
  return (
    <div className="scoring-overrides">
      <div className="form-actions">
        <input
          type="search"
          aria-label="Filter thresholds and weights"
          placeholder="Filter (funding, oi, vpin, weights…)"
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
        <p className="inline-error" role="alert">
          {errors.map(plainError).join('; ')}
        </p>
      )}
      {groups.map(([group, list]) => (
        <section key={group.name} className="override-group" aria-label={group.name}>
          <h4>
            <MetricTip id={group.doc}>{group.name}</MetricTip>
          </h4>
          <div className="override-grid">
            {list.map((k) => (
              <OverrideInput key={k.key} k={k} draft={drafts[k.key] ?? ''} onChange={setDraft} />
            ))}
          </div>
        </section>
      ))}
    </div>
  )
}

function OverrideInput(props: {
  k: OverrideKey
  draft: string
  disabled?: boolean
  onChange: (key: string, text: string) => void
}) {
  const { k, draft, disabled, onChange } = props
  const label = overrideLabel(k.key)
  return (
    <label className={draft.trim() ? 'override changed' : 'override'}>
      <span title={`${k.key} · default ${k.defaultValue}`}>
        {label.name}
        {label.unit && <span className="muted"> ({label.unit})</span>}
      </span>
      <input
        aria-label={k.key}
        inputMode="decimal"
        placeholder={String(k.defaultValue)}
        value={draft}
        disabled={disabled}
        onChange={(e) => onChange(k.key, e.target.value)}
      />
    </label>
  )
}
