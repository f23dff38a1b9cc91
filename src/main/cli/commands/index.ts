import type { Command } from '../command'
import { serveCommand } from './serve'

/** Every `radar` command, in the order `radar --help` lists them. */
export const commands: readonly Command[] = [serveCommand]
