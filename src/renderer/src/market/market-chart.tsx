import { useEffect, useRef, useState } from 'react'
import { MarketChartController } from './chart-controller'

interface Props {
  onReady: (c: MarketChartController | null) => void
}

/** Mounts the chart once; everything after that talks to the controller, not to React. */
export function MarketChart({ onReady }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  const [, setController] = useState<MarketChartController | null>(null)
  useEffect(() => {
    if (!ref.current) return
    const c = new MarketChartController(ref.current)
    setController(c)
    onReady(c)
    // The bench and the e2e tests drive panning through this handle, as a user's drag would.
    ;(window as unknown as { __radarChart?: MarketChartController }).__radarChart = c
    return () => {
      onReady(null)
      c.destroy()
    }
  }, [onReady])
  return (
    <div
      ref={ref}
      className="chart-host"
      data-testid="market-chart"
      aria-label="Price chart with liquidation heatmap and signal panes"
      role="img"
    />
  )
}
