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
