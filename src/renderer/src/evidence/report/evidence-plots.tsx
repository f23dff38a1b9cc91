import type {
  ContinuousSignalStats,
  EventStudy,
  ReliabilityPoint,
} from '../../../../shared/contract/evidence'
import {
  DEFAULT_BOX,
  calibrationGeometry,
  eventStudyGeometry,
  reliabilityGeometry,
  rocGeometry,
} from '../../../../shared/evidence/plot-geometry'
import { fmtCi, fmtDuration, fmtNum, fmtPct } from '../../../../shared/evidence/report-view'

const { width: W, height: H, pad: P } = DEFAULT_BOX

function Frame(props: { title: string; x: string; y: string; children: React.ReactNode }) {
  return (
    <figure className="evidence-plot">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.title}>
        <rect
          x={P}
          y={P}
          width={W - 2 * P}
          height={H - 2 * P}
          fill="none"
          stroke="currentColor"
          opacity={0.4}
        />
        {props.children}
        <text x={W / 2} y={H - 6} fontSize={10} textAnchor="middle" fill="currentColor">
          {props.x}
        </text>
        <text
          x={10}
          y={H / 2}
          fontSize={10}
          textAnchor="middle"
          fill="currentColor"
          transform={`rotate(-90 10 ${H / 2})`}
        >
          {props.y}
        </text>
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  )
}

const dashed = { stroke: 'currentColor', strokeDasharray: '3 3', opacity: 0.5, fill: 'none' }
const line = { stroke: '#4aa3ff', strokeWidth: 1.6, fill: 'none' }

export function RocPlot({ row, name }: { row: ContinuousSignalStats; name: string }) {
  const g = rocGeometry(row.roc)
  const flag = row.status === 'ok' ? '' : ' — not enough events'
  return (
    <Frame
      title={`${name} → ${row.outcomeId}: AUC ${fmtNum(row.auc)} ${fmtCi(row.aucCi95, (v) => v.toFixed(2))}${flag}`}
      x="false positive rate"
      y="true positive rate"
    >
      <path d={g.diagonal} {...dashed} />
      <path d={g.curve} {...line} />
    </Frame>
  )
}

export function CalibrationPlot({ row, name }: { row: ContinuousSignalStats; name: string }) {
  const { marks, yMax } = calibrationGeometry(row.calibration)
  return (
    <Frame
      title={`${name} → ${row.outcomeId}: outcome rate per score bin (0–${fmtPct(yMax, 0)})`}
      x="score 0–100"
      y="outcome rate"
    >
      {marks.map((m) => (
        <g key={m.cx}>
          <line x1={m.cx} x2={m.cx} y1={m.y1} y2={m.y2} stroke="#4aa3ff" />
          <circle cx={m.cx} cy={m.cy} r={3} fill="#4aa3ff">
            <title>{m.label}</title>
          </circle>
        </g>
      ))}
    </Frame>
  )
}

export function EventStudyPlot({ study, name }: { study: EventStudy; name: string }) {
  const g = eventStudyGeometry(study)
  return (
    <Frame
      title={`${name}: mean price path around ${study.onsets} onset${study.onsets === 1 ? '' : 's'} (±${fmtPct(g.yAbs, 2)}, ${fmtDuration(-g.xMinMs)} each side)`}
      x="time from onset"
      y="mean return"
    >
      <line x1={P} x2={W - P} y1={g.zeroY} y2={g.zeroY} {...dashed} />
      <line x1={g.onsetX} x2={g.onsetX} y1={P} y2={H - P} {...dashed} />
      <path d={g.path} {...line} />
    </Frame>
  )
}

/** Calibrated stress index: observed rate against predicted probability per bin; the diagonal is perfect. */
export function ReliabilityPlot({ points }: { points: ReliabilityPoint[] }) {
  const g = reliabilityGeometry(points)
  const n = points.reduce((a, p) => a + p.n, 0)
  return (
    <Frame
      title={`Calibrated stress index, out of sample: observed against predicted (0–${fmtPct(g.max, 0)}, ${n} samples)`}
      x="predicted probability"
      y="observed rate"
    >
      <path d={g.diagonal} {...dashed} />
      {g.marks.map((m) => (
        <circle key={`${m.cx} ${m.cy}`} cx={m.cx} cy={m.cy} r={m.r} fill="#4aa3ff">
          <title>{m.label}</title>
        </circle>
      ))}
    </Frame>
  )
}
