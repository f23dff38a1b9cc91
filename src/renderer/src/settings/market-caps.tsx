import { useState } from 'react'

interface Props {
  marketCapUsd: Record<string, number>
  onSave: (caps: Record<string, number>) => void
}

interface Row {
  asset: string
  usd: string
}

/** Market capitalisation per base asset, entered by hand; OI / market cap stays n/a for assets without one. */
export function MarketCaps({ marketCapUsd, onSave }: Props) {
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
