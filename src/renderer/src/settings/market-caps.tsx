import { useState } from 'react'
import type { MarketCapSourceStatus } from '../../../shared/engine-status'
import type { Settings } from '../../../shared/settings'
import { SelectField } from '../sessions/select-field'
import { useNow } from '../radar/use-now'
import { fmtAge, fmtTime } from '../format'

type Source = Settings['marketCapSource']

interface Props {
  marketCapUsd: Record<string, number>
  onSave: (caps: Record<string, number>) => void
  source: Source
  onSourceChange: (source: Source) => void
  /** The engine's market-cap service status (absent before the first status arrives). */
  status: MarketCapSourceStatus | undefined
}

interface Row {
  asset: string
  usd: string
}

const SOURCES = [
  { value: 'manual', label: 'Manual (typed here only)' },
  { value: 'coingecko', label: 'CoinGecko public API' },
] as const

/** Where the fetched caps come from and how old they are; a value typed in the table always wins. */
function SourceLine({ source, status }: { source: Source; status: MarketCapSourceStatus | undefined }) {
  const nowMs = useNow(30_000)
  const fetchedAtMs = status?.fetchedAtMs ?? null
  const ageMs = fetchedAtMs === null ? null : Math.max(0, nowMs - fetchedAtMs)
  const stale = ageMs !== null && status !== undefined && ageMs > status.staleAfterMs
  const cacheText =
    fetchedAtMs === null
      ? 'no CoinGecko values cached yet'
      : `cache from ${fmtTime(fetchedAtMs)} (${fmtAge(ageMs)} old${stale ? ', stale' : ''}) · ${
          status?.assets.length ? status.assets.join(', ') : 'no assets'
        }`
  return (
    <p
      className={stale || status?.lastError ? 'help notice-warning' : 'help'}
      data-testid="market-cap-source"
    >
      {source === 'manual'
        ? `Only the values below are used; CoinGecko is not asked${fetchedAtMs === null ? '' : ` (${cacheText}, unused)`}.`
        : `CoinGecko: ${cacheText}. Refreshed at most every 6 h; a value below wins over CoinGecko's.`}
      {source === 'coingecko' && status?.lastError ? ` Last fetch failed: ${status.lastError}` : ''}
    </p>
  )
}

/**
 * Market capitalisation per base asset, entered by hand and optionally filled from CoinGecko; OI / market
 * cap stays n/a for assets with neither.
 */
export function MarketCaps({ marketCapUsd, onSave, source, onSourceChange, status }: Props) {
  const [rows, setRows] = useState<Row[]>(() =>
    Object.entries(marketCapUsd).map(([asset, usd]) => ({ asset, usd: String(usd) })),
  )
  const errors: string[] = []
  const caps: Record<string, number> = {}
  rows.forEach((r, i) => {
    const asset = r.asset.trim().toUpperCase()
    if (!asset && !r.usd.trim()) return
    const usd = Number(r.usd.replace(/[_,\s]/g, ''))
    if (!asset) errors.push(`row ${i + 1}: the asset is missing`)
    else if (!(Number.isFinite(usd) && usd > 0))
      errors.push(`${asset}: the market cap must be a positive USD amount`)
    else caps[asset] = usd
  })
  const set = (i: number, patch: Partial<Row>): void =>
    setRows((prev) => prev.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <div className="market-caps">
      <SelectField
        label="Source besides the values below"
        ariaLabel="Market-cap source"
        value={source}
        options={SOURCES}
        onChange={onSourceChange}
      />
      <SourceLine source={source} status={status} />
      <table className="data-table" aria-label="Market caps">
        <thead>
          <tr>
            <th>Base asset</th>
            <th>Market cap (USD)</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Asset ${i + 1}`}
                  value={r.asset}
                  placeholder="BTC"
                  onChange={(e) => set(i, { asset: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Market cap ${i + 1} (USD)`}
                  inputMode="decimal"
                  value={r.usd}
                  placeholder="1200000000000"
                  onChange={(e) => set(i, { usd: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="btn-ghost-danger"
                  onClick={() => setRows((p) => p.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.length > 0 && <p className="inline-error">{errors.join('; ')}</p>}
      <div className="form-actions">
        <button type="button" onClick={() => setRows((p) => [...p, { asset: '', usd: '' }])}>
          Add asset
        </button>
        <button
          type="button"
          className="btn-primary"
          disabled={errors.length > 0}
          onClick={() => onSave(caps)}
        >
          Save market caps
        </button>
      </div>
    </div>
  )
}
