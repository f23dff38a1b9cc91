import type { ParsedArgs } from './args'

/** Where a command writes; tests pass buffers, the real CLI passes the process streams. */
export interface CommandIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Reads all of standard input (for commands that take a JSON request). */
  readStdin: () => Promise<string>
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
