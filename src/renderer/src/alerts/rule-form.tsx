import { useState } from 'react'
import type { AlertRule } from '../../../shared/contract/alerts'
import { SelectField } from '../sessions/select-field'

const KINDS = [
  { value: 'threshold', label: 'a metric crosses a threshold' },
  { value: 'regimeShift', label: 'a regime label changes' },
] as const
const OPS = ['above', 'below'] as const

interface Props {
  markets: string[]
  metricIds: string[]
  labelIds: string[]
  busy: boolean
  onSave: (rule: AlertRule) => void
}

function newRuleId(): string {
  return `rule-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`
}

/**
 * A new rule: a regime shift (any change of a label) or a threshold crossing on a metric, for one market
 * or every market. Field pickers list the ids the engine currently reports; any other id can be typed.
 */
export function RuleForm({ markets, metricIds, labelIds, busy, onSave }: Props) {
  const [market, setMarket] = useState('*')
  const [kind, setKind] = useState<AlertRule['kind']>('threshold')
  const [field, setField] = useState('')
  const [op, setOp] = useState<'above' | 'below'>('above')
  const [valueText, setValueText] = useState('')
  const [hysteresisText, setHysteresisText] = useState('')
  const ids = kind === 'threshold' ? metricIds : labelIds
  const value = Number(valueText)
  const hysteresis = hysteresisText.trim() === '' ? undefined : Number(hysteresisText)
  const problems: string[] = []
  if (!field.trim()) problems.push(kind === 'threshold' ? 'pick a metric' : 'pick a label')
  if (kind === 'threshold' && (valueText.trim() === '' || !Number.isFinite(value)))
    problems.push('give a number')
  if (hysteresis !== undefined && !(Number.isFinite(hysteresis) && hysteresis >= 0))
    problems.push('hysteresis must be a number ≥ 0')
  const submit = (e: React.FormEvent): void => {
    e.preventDefault()
    if (problems.length > 0) return
    const base = { id: newRuleId(), market, field: field.trim(), enabled: true }
    onSave(
      kind === 'threshold'
        ? { ...base, kind, op, value, ...(hysteresis !== undefined ? { hysteresis } : {}) }
        : { ...base, kind },
    )
    setField('')
    setValueText('')
    setHysteresisText('')
  }
  return (
    <form className="panel rule-form" aria-label="New alert rule" onSubmit={submit}>
      <div className="panel-title">New rule</div>
      <div className="form-row">
        <SelectField
          label="Market"
          value={market}
          options={[{ value: '*', label: 'All markets' }, ...markets]}
          onChange={setMarket}
        />
        <SelectField label="When" ariaLabel="Rule kind" value={kind} options={KINDS} onChange={setKind} />
        <label className="field field-wide">
          <span>{kind === 'threshold' ? 'Metric id' : 'Label id'}</span>
          <input
            aria-label={kind === 'threshold' ? 'Metric id' : 'Label id'}
            list={`alert-ids-${kind}`}
            value={field}
            placeholder={ids[0] ?? (kind === 'threshold' ? 'lsi' : 'funding-regime')}
            onChange={(e) => setField(e.target.value)}
            spellCheck={false}
          />
          <datalist id={`alert-ids-${kind}`}>
            {ids.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
        </label>
        {kind === 'threshold' && (
          <>
            <SelectField label="Crosses" ariaLabel="Direction" value={op} options={OPS} onChange={setOp} />
            <label className="field field-num">
              <span>Value</span>
              <input
                aria-label="Value"
                inputMode="decimal"
                value={valueText}
                onChange={(e) => setValueText(e.target.value)}
              />
            </label>
            <label className="field field-num">
              <span title="The rule re-arms only after the value moves back past the threshold by this much">
                Hysteresis
              </span>
              <input
                aria-label="Hysteresis"
                inputMode="decimal"
                placeholder="0"
                value={hysteresisText}
                onChange={(e) => setHysteresisText(e.target.value)}
              />
            </label>
          </>
        )}
        <div className="field field-submit">
          <button
            type="submit"
            className="btn-primary"
            disabled={busy || problems.length > 0}
            title={problems.join('; ')}
          >
            Add rule
          </button>
        </div>
      </div>
      {ids.length === 0 && (
        <p className="help">
          No market is scored yet, so there are no ids to pick from: open a session or go live, or type an id
          from the methodology.
        </p>
      )}
    </form>
  )
}
