import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { DEFAULT_PIPELINE_CONFIG } from '../../../shared/scoring/scoring-pipeline'
import { pipelineConfigFromSettings } from '../../../shared/scoring/config-from-settings'
import { openConfSettings } from '../settings/conf-settings'

/**
 * The scoring configuration of the settings in a user-data folder (the CLI's `--user-data`), so a report,
 * an export or Evidence scores as the app does for that user; built-in defaults without a folder.
 */
export function loadPipelineConfig(userDataDir: string | undefined): {
  config: PipelineConfig
  notes: string[]
} {
  if (userDataDir === undefined) return { config: DEFAULT_PIPELINE_CONFIG, notes: [] }
  const store = openConfSettings(userDataDir)
  const { config, ignored } = pipelineConfigFromSettings(store.get())
  const notes: string[] = []
  const warning = store.view().warning
  if (warning) notes.push(warning)
  if (ignored.length > 0) notes.push(`unknown scoring settings ignored: ${ignored.join(', ')}`)
  return { config, notes }
}
