/**
 * Reads a number typed into the calculator in any common locale without guessing silently. A comma is a
 * decimal mark ("1,5" = 1.5) unless the text is clearly grouped in thousands with a dot decimal
 * ("12,345.6"); a lone comma followed by exactly three digits ("1,500") could be either, so it is refused
 * with both readings rather than read as fifteen hundred or one and a half.
 */
export type Decimal = { ok: true; value: number | undefined } | { ok: false; message: string }

const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/
const COMMA_DECIMAL = /^[+-]?\d*,\d+$/
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

export function parseDecimal(raw: string): Decimal {
  const t = raw.trim().replace(/[\s\u00a0\u202f_]/g, '')
  if (t === '') return { ok: true, value: undefined }
  let text = t
  if (GROUPED.test(t) && t.includes('.')) text = t.replace(/,/g, '')
  else if (COMMA_DECIMAL.test(t)) {
    const decimals = t.split(',')[1]!.length
    if (decimals === 3 && /^[+-]?[1-9]\d{0,2},/.test(t))
      return {
        ok: false,
        message: `"${raw.trim()}" could be ${t.replace(',', '')} or ${t.replace(',', '.')}: type it without a comma (use a dot for decimals)`,
      }
    text = t.replace(',', '.')
  } else if (t.includes(',')) {
    return { ok: false, message: `"${raw.trim()}" is not a number (use a dot for decimals, no separators)` }
  }
  if (!PLAIN.test(text)) return { ok: false, message: `"${raw.trim()}" is not a number` }
  const value = Number(text)
  if (!Number.isFinite(value)) return { ok: false, message: `"${raw.trim()}" is too large` }
  return { ok: true, value }
}
