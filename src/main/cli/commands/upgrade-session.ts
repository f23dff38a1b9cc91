import { basename, dirname, join, resolve } from 'node:path'
import { upgradeSession } from '../../engine/sessions/upgrade-session'
import { UsageError, stringOption } from '../args'
import type { Command } from '../command'

export const upgradeSessionCommand: Command = {
  name: 'upgrade-session',
  summary: 'rewrite a session file in the columnar format 2 (smaller, faster to replay)',
  help: `Usage: radar upgrade-session <session.radar> [--out <file.radar>] [--overwrite]

Rewrites a session's events frames in the columnar format 2, frame for frame (the same events, the same
seek points). The source file is only read. Without --out the result is <name>.v2.radar beside it.
Damage in the source (lost frames, a cut-short end) is reported and kept as notes in the new file.

Options:
  --out <file>   where to write the upgraded session
  --overwrite    replace the output file if it exists`,
  flags: ['overwrite'],
  async run(args, io) {
    const [path] = args.positionals
    if (!path) throw new UsageError('name a session file')
    const input = resolve(path)
    const out = resolve(
      stringOption(args, 'out') ??
        join(dirname(input), basename(input).replace(/\.radar$/, '') + '.v2.radar'),
    )
    if (out === input) throw new UsageError('--out must differ from the source file')
    const r = upgradeSession(input, out, {
      overwrite: args.options.get('overwrite') === true,
      signal: io.stopSignal,
    })
    for (const n of r.notes) io.stderr(`note: ${n}\n`)
    io.stdout(
      `${out}: ${r.events} events in ${r.frames} frames (${r.columnarFrames} already columnar); ` +
        `${r.bytesBefore} → ${r.bytesAfter} bytes\n`,
    )
    return 0
  },
}
