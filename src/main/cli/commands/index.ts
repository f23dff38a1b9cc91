import type { Command } from '../command'
import { serveCommand } from './serve'
import { importCommand } from './import'
import { replayCommand } from './replay'
import { exportCommand } from './export'
import { sizeCommand } from './size'
import { scanCommand } from './scan'
import { emulateCommand } from './emulate'
import { evidenceCommand } from './evidence'
import { recordCommand } from './record'
import { heatmapCheckCommand } from './heatmap-check'

/** Every `radar` command, in the order `radar --help` lists them. */
export const commands: readonly Command[] = [
  serveCommand,
  importCommand,
  replayCommand,
  exportCommand,
  sizeCommand,
  scanCommand,
  emulateCommand,
  recordCommand,
  heatmapCheckCommand,
  evidenceCommand,
]
