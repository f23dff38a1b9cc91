import { resolve } from 'node:path'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { DEFAULT_PIPELINE_CONFIG } from '../../../shared/scoring/scoring-pipeline'
import { stringOption, type ParsedArgs } from '../args'

/**
 * The scoring configuration for `--user-data <dir>`, or the built-in defaults without it. The settings
 * store (conf and its schema validation, ~0.1 s to load) is imported only when a folder is named, so a
 * plain `radar replay` starts without it.
 */
export async function configForUserData(
  args: ParsedArgs,
): Promise<{ config: PipelineConfig; notes: string[] }> {
  const userData = stringOption(args, 'user-data')
  if (userData === undefined) return { config: DEFAULT_PIPELINE_CONFIG, notes: [] }
  const { loadPipelineConfig } = await import('../../engine/scoring/pipeline-settings')
  return loadPipelineConfig(resolve(userData))
}
