import { useState } from 'react'
import { POOLED_MARKET, type EvidenceReport } from '../../../shared/contract/evidence'
import { markets } from '../../../shared/evidence/report-view'
import { EvidenceReportBody } from './report/evidence-report-body'

/** The report of one run on screen, with a market selector (all markets pooled by default). */
export function EvidenceResults({ report }: { report: EvidenceReport }) {
  const [market, setMarket] = useState(POOLED_MARKET)
  return (
    <EvidenceReportBody
      report={report}
      market={market}
      picker={
        <label>
          Market{' '}
          <select value={market} onChange={(e) => setMarket(e.target.value)}>
            {markets(report).map((m) => (
              <option key={m} value={m}>
                {m === POOLED_MARKET ? 'all markets pooled' : m}
              </option>
            ))}
          </select>
        </label>
      }
    />
  )
}
