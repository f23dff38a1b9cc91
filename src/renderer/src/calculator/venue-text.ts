/**
 * Binance writes its USD-margined futures "USDⓈ-M"; the circled S is missing from common UI fonts and renders
 * as an empty box, so the screens write it as "USDS-M".
 */
export function plainVenueText(text: string): string {
  return text.replace(/Ⓢ/g, 'S')
}
