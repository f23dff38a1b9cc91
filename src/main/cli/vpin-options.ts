import type { ParsedArgs } from './args'
import { UsageError, numberOption } from './args'

export const VPIN_OPTIONS_HELP = `  --vpin-buckets <n>  VPIN volume buckets per day: each bucket is the venue's 24 h volume / n (default 50);
                      saved to Settings → Thresholds (vpinBucketsPerDay), as if set there
  --vpin-window <n>   VPIN buckets averaged (default 50; saved as vpinWindowBuckets)`

/** `--vpin-buckets` / `--vpin-window` as scoring overrides; each a whole number ≥ 1, or a usage error naming it. */
export function vpinOverrides(args: ParsedArgs): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [flag, key] of [
    ['vpin-buckets', 'vpinBucketsPerDay'],
    ['vpin-window', 'vpinWindowBuckets'],
  ] as const) {
    const n = numberOption(args, flag)
    if (n === undefined) continue
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} must be a whole number ≥ 1, got ${n}`)
    out[key] = n
  }
  return out
}
