import type { MetricFormat } from './metric-formats'

/**
 * Every metric the engine publishes (and the few the screens derive): name, what it means in a trader's words,
 * the unit it is shown in, its format and its window. The windows mirror DEFAULT_SCORING_CONFIG.
 */
export interface MetricDef {
  name: string
  what: string
  /** The unit the value is shown in. */
  unit: string
  format: MetricFormat
  window: string
}

export const m = (
  format: MetricFormat,
  name: string,
  what: string,
  unit: string,
  window: string,
): MetricDef => ({
  name,
  what,
  unit,
  format,
  window,
})
