/** Session-time steps for `--every`, apart from the export command so replay does not load the Parquet writer. */
import { UsageError } from '../args'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/**
 * A session-time step: `15m`, `1h`, `30s`, `1d`, `500ms`; a bare number is seconds (as before). Steps are
 * whole multiples of the replay's 100 ms batches, so a row never straddles one.
 */
export function parseDurationMs(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim())
  const ms = m ? Number(m[1]) * UNIT_MS[m[2] ?? 's']! : NaN
  if (!(ms > 0) || ms % 100 !== 0)
    throw new UsageError(
      `--${option} must be a positive duration in steps of 100 ms such as 15m, 1h or 30s, got "${text}"`,
    )
  return ms
}
