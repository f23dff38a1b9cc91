import { useEffect, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import type { ImportProgress } from '../../../shared/contract/sessions'
import { IMPORT_FORMATS } from '../../../shared/contract/sessions'
import { NoteList } from './session-row'
import { SelectField } from './select-field'
import { useAction } from './use-load'

type ImportFormat = (typeof IMPORT_FORMATS)[number]

const FORMAT_HELP: Record<ImportFormat, string> = {
  'binance-ws':
    'Raw Binance WebSocket logs (<µs receive time> <combined-stream JSON>, gzip); perp and spot merge.',
  'binance-vision':
    'Binance public data files (zip or csv): aggTrades, trades, klines, metrics, fundingRate, …',
  tardis:
    'Tardis.dev CSV (.csv or .csv.gz): trades, derivative_ticker, liquidations, quotes, book snapshots.',
  'funding-csv':
    'Funding histories (Symbol,Date,Funding Rate). Give the venue and the offset of the Date column.',
  'binance-futures-data':
    'Binance futures-data CSVs: 5-min open interest, long/short and taker ratios, OHLC.',
}

const FUNDING_VENUES = ['binance', 'bybit', 'okx', 'htx', 'kucoin', 'mexc', 'gate', 'dydx']

interface Props {
  api: RadarApi
  onFinished: () => void
}

/**
 * Import public historical data into a session. Paths are on the engine's machine: in browser mode the page
 * cannot hand a local file to the engine, so they are typed (or pasted) rather than picked.
 */
export function ImportPanel({ api, onFinished }: Props) {
  const [format, setFormat] = useState<ImportFormat>('funding-csv')
  const [pathsText, setPathsText] = useState('')
  const [name, setName] = useState('')
  const [venue, setVenue] = useState('binance')
  const [tzText, setTzText] = useState('0')
  const [jobId, setJobId] = useState<string | null>(null)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const start = useAction()
  const cancel = useAction()

  useEffect(
    () =>
      api.onImportProgress((p) => {
        if (jobId !== null && p.jobId !== jobId) return
        setProgress(p)
        if (p.state === 'done') onFinished()
      }),
    [api, jobId, onFinished],
  )

  const running = progress?.state === 'running' || (jobId !== null && progress === null)
  const paths = pathsText
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
  const tzOffsetHours = Number(tzText)
  const tzValid = tzText.trim() !== '' && Number.isFinite(tzOffsetHours) && Math.abs(tzOffsetHours) <= 14
  const funding = format === 'funding-csv'
  const canStart = paths.length > 0 && !running && (!funding || tzValid)

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    if (!canStart) return
    setProgress(null)
    const res = await start.run(() =>
      api.startImport({
        format,
        paths,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(funding ? { venue, tzOffsetHours } : {}),
      }),
    )
    if (res) setJobId(res.jobId)
  }

  const pct = progress?.fraction !== null && progress?.fraction !== undefined ? progress.fraction * 100 : null
  return (
    <form className="panel import-panel" aria-label="Import" onSubmit={(e) => void submit(e)}>
      <div className="panel-title">Import historical data</div>
      <div className="form-grid">
        <SelectField label="Format" value={format} options={IMPORT_FORMATS} onChange={setFormat} />
        <label className="field">
          <span>Session name (optional)</span>
          <input
            aria-label="Session name"
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {funding && (
          <>
            <SelectField label="Venue" value={venue} options={FUNDING_VENUES} onChange={setVenue} />
            <label className="field">
              <span>Date column offset from UTC (h)</span>
              <input
                aria-label="Timezone offset (hours)"
                inputMode="decimal"
                value={tzText}
                aria-invalid={!tzValid}
                onChange={(e) => setTzText(e.target.value)}
              />
            </label>
          </>
        )}
      </div>
      <p className="help">{FORMAT_HELP[format]}</p>
      <label className="field">
        <span>Files on the engine&apos;s machine (one absolute path per line)</span>
        <textarea
          aria-label="Paths"
          rows={3}
          spellCheck={false}
          placeholder="/data/funding-history/BTC_USDT/BTC_USDT_binance_2020-01-01_2024-01-01_funding_history.csv"
          value={pathsText}
          onChange={(e) => setPathsText(e.target.value)}
        />
      </label>
      {funding && !tzValid && (
        <p className="inline-error">The offset must be a number of hours between −14 and 14.</p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn-primary" disabled={!canStart || start.busy}>
          Import {paths.length > 1 ? `${paths.length} files` : ''}
        </button>
        {running && jobId && (
          <button type="button" onClick={() => void cancel.run(() => api.cancelImport({ jobId }))}>
            Cancel import
          </button>
        )}
      </div>
      {start.error && (
        <p className="inline-error" role="alert">
          Import refused: {start.error}
        </p>
      )}
      {cancel.error && <p className="inline-error">Cancel failed: {cancel.error}</p>}
      {(progress || (jobId && running)) && (
        <div
          className={`import-progress state-${progress?.state ?? 'running'}`}
          data-testid="import-progress"
        >
          <div
            className={pct === null ? 'progress indeterminate' : 'progress'}
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct === null ? undefined : Math.round(pct)}
          >
            <div className="progress-fill" style={{ width: pct === null ? '30%' : `${pct}%` }} />
          </div>
          <div className="progress-line">
            <span className="progress-state" data-testid="import-state">
              {(progress?.state ?? 'running').toUpperCase()}
            </span>
            <span>{pct === null ? '' : `${pct.toFixed(0)} %`}</span>
            <span className="progress-message">{progress?.message ?? 'Starting…'}</span>
          </div>
          {progress && <NoteList notes={progress.notes} testId="import-notes" />}
        </div>
      )}
    </form>
  )
}
