import { describe, expect, it } from 'vitest'
import type { Command, CommandIo } from './command'
import { commands } from './commands/index'
import { runCli } from './run-cli'
import { UsageError } from './args'

function bufferIo(): CommandIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => '',
  }
  return io
}

const echo: Command = {
  name: 'echo',
  summary: 'prints its words',
  help: 'Usage: radar echo <words...>',
  run: async (args, io) => {
    if (args.positionals.length === 0) throw new UsageError('nothing to echo')
    io.stdout(args.positionals.join(' '))
    return 0
  },
}

describe('runCli', () => {
  it('lists commands for --help and exits 0', async () => {
    const io = bufferIo()
    expect(await runCli(['--help'], [echo], io)).toBe(0)
    expect(io.out).toContain('echo  prints its words')
  })

  it('exits 2 with the list for an unknown command', async () => {
    const io = bufferIo()
    expect(await runCli(['frobnicate'], [echo], io)).toBe(2)
    expect(io.err).toContain('unknown command "frobnicate"')
  })

  it('prints command help, runs the command, and maps usage errors to exit 2', async () => {
    const io = bufferIo()
    expect(await runCli(['echo', '--help'], [echo], io)).toBe(0)
    expect(io.out).toBe('Usage: radar echo <words...>\n')
    expect(await runCli(['echo', 'a', 'b'], [echo], io)).toBe(0)
    expect(io.out).toContain('a b')
    expect(await runCli(['echo'], [echo], io)).toBe(2)
    expect(io.err).toContain('radar echo: nothing to echo')
  })

  it('gives every registered command a usage line in its --help', async () => {
    for (const command of commands) {
      const io = bufferIo()
      expect(await runCli([command.name, '--help'], commands, io), command.name).toBe(0)
      expect(io.out, command.name).toMatch(new RegExp(`radar ${command.name}`))
    }
  })

  it('lists each command by the name and summary its module declares', async () => {
    for (const entry of commands) {
      const loaded = await entry.load()
      expect({ name: entry.name, summary: entry.summary }).toEqual({
        name: loaded.name,
        summary: loaded.summary,
      })
    }
  })
})
