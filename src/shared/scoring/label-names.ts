import type { LabelId } from './metric-registry'

/** Each regime label the engine publishes, named for a trader (the registry explains it by its metric). */
const LABEL_NAMES: Record<LabelId, string> = {
  'funding-regime': 'Funding regime',
  'oi-regime': 'OI regime',
  'oi-quadrant': 'Price × OI quadrant',
  'vpin-level': 'Order-flow toxicity',
  'basis-band': 'Basis band',
  'vol-regime': 'Volatility regime',
  'lsi-level': 'Stress level',
  'risk-level': 'Risk level',
  'crowding-side': 'Crowded side',
  'ls-extreme': 'Long/short extreme',
  'oi-mcap-flush': 'OI / market cap flush',
  'liq-cascade': 'Liquidation cascade',
  'basis-ma-cross': 'Basis average cross',
  deleveraging: 'Deleveraging',
}

/** A label id in words; one the table does not know yet reads as its words ("new-label" → "New label"). */
export function labelName(id: string): string {
  if (Object.prototype.hasOwnProperty.call(LABEL_NAMES, id)) return LABEL_NAMES[id as LabelId]
  const words = id.replace(/[-_]/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A label value in words: "long-extreme" → "long extreme"; values already in words stay as they are. */
export function labelValueText(value: string): string {
  return value.replace(/-/g, ' ')
}
