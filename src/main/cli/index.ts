import { commands } from './commands/index'
import { runCli } from './run-cli'

/** Entry of the `radar` command in plain Node (bin/radar.js loads the built copy of this file). */
const code = await runCli(process.argv.slice(2), commands, {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readStdin: async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
})
process.exitCode = code
