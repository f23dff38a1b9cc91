import { useEffect, useRef, useState } from 'react'
import type { EvidenceProgress, EvidenceReport } from '../../../shared/contract/evidence'
import type { SessionSummary } from '../../../shared/contract/sessions'
import { parseHorizonMs, parseMovePct } from '../../../shared/evidence/horizons'
import type { ScreenProps } from '../screen-props'
import { EvidenceResults } from './evidence-results'
import { MapBarCheck } from './map-bar-check'
import './evidence.css'

function parseList<T>(text: string, parse: (s: string) => T): { values: T[]; error: string | null } {
  try {
    const values = text
      .split(',')
      .filter((s) => s.trim() !== '')
      .map(parse)
    return { values, error: values.length ? null : 'enter at least one value' }
  } catch (err) {
    return { values: [], error: (err as Error).message }
  }
}

/**
 * Evidence: how each signal warned before large moves in the chosen sessions. The run happens in an engine
 * worker; this screen only sends the request, shows progress and draws the report.
 */
export function EvidenceScreen({ api }: ScreenProps) {
  const ev = api
  const [sessions, setSessions] = useState<SessionSummary[]>([])
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [horizons, setHorizons] = useState('1h,4h,24h,72h')
  const [moves, setMoves] = useState('2%,5%,10%')
  const [progress, setProgress] = useState<EvidenceProgress | null>(null)
  const [report, setReport] = useState<EvidenceReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [running, setRunning] = useState(false)
  const runId = useRef<string | null>(null)

  useEffect(() => {
    ev.listSessions().then(setSessions, (e: Error) => setError(e.message))
    return ev.onEvidenceProgress((p) => {
      runId.current = p.runId
      setProgress(p)
    })
  }, [ev])

  const h = parseList(horizons, (s) => {
    parseHorizonMs(s)
    return s.trim()
  })
  const m = parseList(moves, parseMovePct)

  const run = async (): Promise<void> => {
    setRunning(true)
    setError(null)
    setProgress(null)
    try {
      setReport(await ev.runEvidence({ paths: [...chosen], horizons: h.values, moves: m.values }))
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setRunning(false)
      runId.current = null
    }
  }
  const cancel = (): void => {
    if (runId.current) void ev.cancelEvidence({ runId: runId.current })
  }
  const toggle = (path: string): void => {
    const next = new Set(chosen)
    if (next.has(path)) next.delete(path)
    else next.add(path)
    setChosen(next)
  }
  return (
    <div className="screen evidence">
      <h2>Evidence</h2>
      <p className="muted">
        How often each signal was followed by a large move, a drawdown or a liquidation spike, against how
        often those happen at any time. Figures on fewer than 10 independent events are marked &ldquo;not
        enough events&rdquo;.
      </p>
      <fieldset disabled={running}>
        <legend>Sessions</legend>
        {sessions.map((s) => (
          <label key={s.path} className="evidence-session">
            <input type="checkbox" checked={chosen.has(s.path)} onChange={() => toggle(s.path)} /> {s.label}
          </label>
        ))}
        <label>
          Horizons <input value={horizons} onChange={(e) => setHorizons(e.target.value)} />
        </label>
        {h.error && <span className="error">{h.error}</span>}
        <label>
          Moves <input value={moves} onChange={(e) => setMoves(e.target.value)} />
        </label>
        {m.error && <span className="error">{m.error}</span>}
        <button
          onClick={() => void run()}
          disabled={chosen.size === 0 || h.error !== null || m.error !== null}
        >
          Run
        </button>
      </fieldset>
      {running && (
        <div className="evidence-progress">
          <progress max={1} value={progress?.fraction ?? 0} /> {progress?.message ?? 'starting'}{' '}
          <button onClick={cancel}>Cancel</button>
        </div>
      )}
      {error && <p className="error">{error}</p>}
      {report && <EvidenceResults report={report} />}
      <MapBarCheck api={api} />
    </div>
  )
}
