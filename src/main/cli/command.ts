import type { ParsedArgs } from './args'

/** Where a command writes; tests pass buffers, the real CLI passes the process streams. */
export interface CommandIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Reads all of standard input (for commands that take a JSON request). */
  readStdin: () => Promise<string>
  /**
   * Aborted when the user asks a long command to stop (SIGINT/SIGTERM); a command that checks it can close
   * its files cleanly before the process exits. Absent in tests and short commands.
   */
  stopSignal?: AbortSignal
}

export interface Command {
  name: string
  /** One line for `radar --help`. */
  summary: string
  /** The full `radar <name> --help` text: usage line, options, examples. */
  help: string
  /** Option names that take no value. */
  flags?: readonly string[]
  /** Resolves to the process exit code. */
  run: (args: ParsedArgs, io: CommandIo) => Promise<number>
}

/**
 * A command known by name and summary only: its module, and the heavy libraries it imports (ccxt alone takes
 * most of a second), load when the command runs, so `radar --help` starts at once.
 */
export interface LazyCommand {
  name: string
  summary: string
  load: () => Promise<Command>
  /** Runs long enough that SIGINT/SIGTERM must stop it promptly (replay, export, import, evidence). */
  stopsOnSignal?: boolean
}

export type CommandEntry = Command | LazyCommand

export const loadCommand = (entry: CommandEntry): Promise<Command> =>
  'load' in entry ? entry.load() : Promise.resolve(entry)
