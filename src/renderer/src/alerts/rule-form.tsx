import { useState } from 'react'
import type { AlertRule } from '../../../shared/contract/alerts'
import { FORMAT_SPECS, isMetricId, isNumericMetric, metricDef } from '../../../shared/scoring/metric-registry'
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
  const id = field.trim()
  const known = isMetricId(id) ? id : null
  // Values are typed in the metric's display unit (1.5 for 1.5 %) and stored as the engine publishes them.
  const spec = known ? FORMAT_SPECS[metricDef(known).format] : null
  const scale = spec?.displayScale ?? 1
  const value = Number(valueText) / scale
  const hysteresis = hysteresisText.trim() === '' ? undefined : Number(hysteresisText) / scale
  const problems: string[] = []
  if (!id) problems.push(kind === 'threshold' ? 'pick a metric' : 'pick a label')
  else if (kind === 'threshold' && id !== 'stress' && !known)
    problems.push(`"${id}" is not a metric id: pick one from the list`)
  else if (kind === 'threshold' && known && !isNumericMetric(known))
    problems.push(`${metricDef(known).name} is not a number a threshold can compare`)
  if (kind === 'threshold' && (valueText.trim() === '' || !Number.isFinite(value)))
    problems.push('give a number')
  if (hysteresis !== undefined && !(Number.isFinite(hysteresis) && hysteresis >= 0))
    problems.push('hysteresis must be a number ≥ 0')
  const submit = (e: React.FormEvent): void => {
    e.preventDefault()
    if (problems.length > 0) return
    const base = { id: newRuleId(), market, field: id, enabled: true }
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
              <span>Value{spec?.inputUnit ? ` (${spec.inputUnit})` : ''}</span>
              <input
                aria-label="Value"
                inputMode="decimal"
                value={valueText}
                onChange={(e) => setValueText(e.target.value)}
              />
            </label>
            <label className="field field-num">
              <span title="The rule re-arms only after the value moves back past the threshold by this much">
                Hysteresis{spec?.inputUnit ? ` (${spec.inputUnit})` : ''}
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
      {kind === 'threshold' && known && (
        <p className="help" data-testid="rule-metric-help">
          {metricDef(known).name}: {metricDef(known).what} Shown in {metricDef(known).unit}.
        </p>
      )}
      {problems.length > 0 && id && (
        <p className="help notice-error" data-testid="rule-problem">
          {problems.join('; ')}
        </p>
      )}
      {ids.length === 0 && (
        <p className="help">
          No market is scored yet, so there are no ids to pick from: open a session or go live, or type an id
          from the methodology.
        </p>
      )}
    </form>
  )
}
