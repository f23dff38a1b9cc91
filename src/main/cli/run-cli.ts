import { parseArgs, UsageError } from './args'
import type { CommandEntry, CommandIo } from './command'
import { loadCommand } from './command'

export function topLevelHelp(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Leverage Radar — maps crowded leverage on crypto perpetual futures.',
    '',
    'Usage: radar <command> [options]      radar <command> --help',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n')
}

/** Dispatches argv (without node and script) to a command; resolves to the exit code. */
export async function runCli(
  argv: readonly string[],
  commands: readonly CommandEntry[],
  io: CommandIo,
): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(topLevelHelp(commands))
    return name === undefined ? 2 : 0
  }
  const entry = commands.find((c) => c.name === name)
  if (!entry) {
    io.stderr(`radar: unknown command "${name}"\n\n${topLevelHelp(commands)}`)
    return 2
  }
  const command = await loadCommand(entry)
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help.endsWith('\n') ? command.help : `${command.help}\n`)
    return 0
  }
  try {
    return await command.run(parseArgs(rest, new Set(command.flags ?? [])), io)
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`radar ${command.name}: ${err.message}\n\n${command.help}\n`)
      return 2
    }
    io.stderr(`radar ${command.name}: ${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  }
}
