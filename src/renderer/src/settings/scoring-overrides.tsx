import { useMemo, useState } from 'react'
import type { OverrideKey } from './scoring-keys'
import { parseOverrides, scoringOverrideKeys } from './scoring-keys'

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
  const visible = keys.filter((k) => k.key.toLowerCase().includes(filter.trim().toLowerCase()))
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
      {errors.length > 0 && <p className="inline-error">{errors.join('; ')}</p>}
      <div className="override-grid">
        {visible.map((k) => (
          <OverrideInput key={k.key} k={k} draft={drafts[k.key] ?? ''} onChange={setDraft} />
        ))}
      </div>
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
  return (
    <label className={draft.trim() ? 'override changed' : 'override'}>
      <span className="mono" title={k.key}>
        {k.key}
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
