import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ParsedTiersSnapshot } from '../../../shared/sizing/tiers-snapshot'
import { parseTiersSnapshot } from '../../../shared/sizing/tiers-snapshot'

export const BUNDLED_TIERS_FILE = join('leverage-tiers', 'binance-usdm-tiers.json')

/**
 * The folder holding the app's bundled resources. `RADAR_RESOURCES_DIR` wins (a packaged app sets it to
 * its resources path); otherwise the first `resources/` found walking up from this module, which is the
 * repository's in development, tests and the CLI run from source or from out/.
 */
export function findResourcesDir(
  env: NodeJS.ProcessEnv = process.env,
  from = dirname(fileURLToPath(import.meta.url)),
): string {
  if (env.RADAR_RESOURCES_DIR) return env.RADAR_RESOURCES_DIR
  let dir = from
  for (;;) {
    const candidate = join(dir, 'resources')
    if (existsSync(join(candidate, BUNDLED_TIERS_FILE))) return candidate
    const parent = dirname(dir)
    if (parent === dir)
      throw new Error(`no resources/${BUNDLED_TIERS_FILE} above ${from}; set RADAR_RESOURCES_DIR`)
    dir = parent
  }
}

/** Reads and checks a tiers snapshot file; errors name the file and the market at fault. */
export function loadTiersSnapshotFile(path: string): ParsedTiersSnapshot {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new Error(`${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
  return parseTiersSnapshot(data, path)
}

export function loadBundledTiers(resourcesDir = findResourcesDir()): ParsedTiersSnapshot {
  return loadTiersSnapshotFile(resolve(resourcesDir, BUNDLED_TIERS_FILE))
}
