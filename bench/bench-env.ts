/**
 * What every bench shares: where the repository and its data are (resolved from this file, so `npm run
 * bench` works from any directory and any checkout), and the machine's load, printed beside each figure so
 * a figure taken on a busy machine is read as such.
 */
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** Public data sets beside the repository (`../shared/data`); RADAR_SHARED_DATA overrides. */
export const SHARED_DATA = process.env.RADAR_SHARED_DATA ?? join(REPO_ROOT, '..', 'shared', 'data')
export const SAMPLES_DIR = join(REPO_ROOT, 'resources', 'samples')

/** `load 3.1/2 cores`: the 1-minute load average against the cores; above 1 per core figures run slow. */
export function machineLoad(): string {
  return `load ${loadavg()[0]!.toFixed(1)}/${availableParallelism()} cores`
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

/** Median of the per-round ratios a[i] / b[i] (both measured in round i). */
export const ratio = (a: readonly number[], b: readonly number[]): number =>
  median(a.map((x, i) => x / b[i]!))

/**
 * Runs every probe once per round, in turn, after one warm-up round; each probe returns how many events it
 * handled, and its events/s per round is kept. Alternating keeps a load spike from landing on one side of a
 * ratio only.
 */
export async function alternate(
  rounds: number,
  probes: Record<string, () => number | Promise<number>>,
): Promise<Record<string, number[]>> {
  const rates: Record<string, number[]> = {}
  for (const name of Object.keys(probes)) rates[name] = []
  for (let round = -1; round < rounds; round++) {
    for (const [name, fn] of Object.entries(probes)) {
      const t0 = performance.now()
      const events = await fn()
      const perSec = events / ((performance.now() - t0) / 1000)
      if (round >= 0) rates[name]!.push(perSec)
    }
  }
  return rates
}
