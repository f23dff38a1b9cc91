import { useState } from 'react'
import type { JournalEntry } from '../../../shared/contract/journal'
import { SelectField } from '../sessions/select-field'

const DECISIONS: JournalEntry['decision'][] = ['long', 'short', 'no-trade', 'reduce', 'close', 'note']

interface Props {
  markets: string[]
  defaultKey: string | null
  busy: boolean
  onLog: (req: { key: string; decision: JournalEntry['decision']; note: string }) => Promise<boolean>
}

/** "Log decision": the engine attaches the market's full signal snapshot at this moment. */
export function LogForm({ markets, defaultKey, busy, onLog }: Props) {
  const [key, setKey] = useState(defaultKey ?? markets[0] ?? '')
  const [decision, setDecision] = useState<JournalEntry['decision']>('no-trade')
  const [note, setNote] = useState('')
  const chosen = key || markets[0] || ''
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    if (!chosen) return
    if (await onLog({ key: chosen, decision, note })) setNote('')
  }
  return (
    <form className="panel log-form" aria-label="Log decision" onSubmit={(e) => void submit(e)}>
      <div className="panel-title">Log decision</div>
      <div className="form-row">
        <label className="field">
          <span>Market</span>
          <input
            aria-label="Journal market"
            list="journal-markets"
            value={chosen}
            spellCheck={false}
            onChange={(e) => setKey(e.target.value)}
          />
          <datalist id="journal-markets">
            {markets.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>
        <SelectField label="Decision" value={decision} options={DECISIONS} onChange={setDecision} />
        <label className="field field-grow">
          <span>Note</span>
          <input
            aria-label="Note"
            value={note}
            maxLength={5000}
            onChange={(e) => setNote(e.target.value)}
            placeholder="Why: what the radar shows, what would change your mind"
          />
        </label>
        <div className="field field-submit">
          <button type="submit" className="btn-primary" disabled={busy || !chosen}>
            Log decision
          </button>
        </div>
      </div>
    </form>
  )
}
