import { useEffect, useRef, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import { IMPORT_FORMATS } from '../../../shared/contract/sessions'
import { VENUE_IDS, type VenueId } from '../../../shared/market-event'
import { ImportTracker } from './import-tracker'
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
  bars: 'Bars CSV (time, OHLC, OI, funding, long/short liquidations USD, taker volume); see docs/import-formats.md.',
}

const FUNDING_VENUES = ['binance', 'bybit', 'okx', 'htx', 'kucoin', 'mexc', 'gate', 'dydx']
const BARS_VENUES = ['binanceusdm', 'binance', 'binancecoinm', 'bybit', 'okx']

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
  const [symbol, setSymbol] = useState('')
  const [basisVenue, setBasisVenue] = useState<'auto' | VenueId>('auto')
  const [tracker] = useState(() => new ImportTracker())
  const [view, setView] = useState(() => tracker.view())
  const start = useAction()
  const cancel = useAction()
  const finished = useRef(onFinished)
  useEffect(() => {
    finished.current = onFinished
  }, [onFinished])

  // One subscription for the panel's life: progress of a job that ends before startImport answers is kept
  // by the tracker and shown when the job id arrives (a second quick import no longer sticks at Starting…).
  useEffect(
    () =>
      api.onImportProgress((p) => {
        const shown = tracker.onEvent(p)
        if (!shown) return
        setView(tracker.view())
        if (shown.state === 'done') finished.current()
      }),
    [api, tracker],
  )

  const { jobId, progress, running } = view
  const bars = format === 'bars'
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
    tracker.begin()
    setView(tracker.view())
    const res = await start.run(() =>
      api.startImport({
        format,
        paths,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(funding ? { venue, tzOffsetHours } : {}),
        ...(bars && symbol.trim() ? { venue, symbol: symbol.trim() } : {}),
        ...(basisVenue !== 'auto' ? { basisSpotVenue: basisVenue } : {}),
      }),
    )
    if (res) {
      const seen = tracker.adopt(res.jobId)
      if (seen?.state === 'done') finished.current()
    } else tracker.abandon()
    setView(tracker.view())
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
        <SelectField
          label="Basis of its perps against the spot market on"
          ariaLabel="Basis pairing"
          value={basisVenue}
          options={[
            { value: 'auto', label: 'As in Settings' },
            ...VENUE_IDS.map((v) => ({ value: v, label: `${v} (unless Settings name a venue)` })),
          ]}
          onChange={setBasisVenue}
        />
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
        {bars && (
          <>
            <SelectField label="Venue" value={venue} options={BARS_VENUES} onChange={setVenue} />
            <label className="field">
              <span>Market (only when the file does not say)</span>
              <input
                aria-label="Market symbol"
                placeholder="BTC/USDT:USDT"
                value={symbol}
                maxLength={60}
                onChange={(e) => setSymbol(e.target.value)}
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
