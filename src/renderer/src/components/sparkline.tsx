interface Props {
  values: readonly number[]
  /** Fixed scale so sparklines compare across rows (the stress index is 0..100). */
  min?: number
  max?: number
  width?: number
  height?: number
  label: string
}

/** A tiny SVG line; nothing to draw until there are two samples. */
export function Sparkline({ values, min = 0, max = 100, width = 72, height = 18, label }: Props) {
  if (values.length < 2)
    return (
      <svg
        className="sparkline"
        width={width}
        height={height}
        role="img"
        aria-label={`${label}: no history yet`}
      />
    )
  const span = max - min || 1
  const step = width / (values.length - 1)
  const pts = values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - ((v - min) / span) * (height - 2)).toFixed(1)}`)
    .join(' ')
  const last = values[values.length - 1]!
  const tone = last >= 65 ? 'spark-high' : last >= 35 ? 'spark-medium' : 'spark-low'
  return (
    <svg className={`sparkline ${tone}`} width={width} height={height} role="img" aria-label={label}>
      <polyline points={pts} fill="none" strokeWidth="1.4" />
    </svg>
  )
}
