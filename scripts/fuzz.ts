// `npm run fuzz`: hostile inputs against the built browser-mode server, on 127.0.0.1 only, in bounded rounds.
// Prints tried / held / failed per probe; exits 1 if any run failed. Options: --rounds N (per probe, default
// 20), --seed S, --slow-clients N (default 20), --slow-seconds S (default 15), --only <text> (probes whose
// name contains it; "slow" for the slow readers alone).
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { answersValidRequest, openRawWs, textFrame } from '../src/main/server/fuzz/raw-ws'
import type { RawWs, ServerTarget } from '../src/main/server/fuzz/raw-ws'
import { SERVER_PROBES, seededRng } from '../src/main/server/fuzz/server-probes'
import type { ServerProbe } from '../src/main/server/fuzz/server-probes'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const RUN_TIMEOUT_MS = 15_000

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    seed: { type: 'string', default: String(1 + (Date.now() % 999_999)) },
    'slow-clients': { type: 'string', default: '20' },
    'slow-seconds': { type: 'string', default: '15' },
    only: { type: 'string', default: '' },
  },
})
const positiveInt = (name: string, v: string, max = 10_000): number => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`--${name} must be an integer 1–${max}, got "${v}"`)
  return n
}
const rounds = positiveInt('rounds', values.rounds)
const seed = positiveInt('seed', values.seed, 1_000_000)
const slowClients = positiveInt('slow-clients', values['slow-clients'])
const slowSeconds = positiveInt('slow-seconds', values['slow-seconds'])

interface Tally {
  name: string
  tried: number
  held: number
  failed: number
  note: string
}

/** `radar serve` from the build, replaying the bundled sample, with a user-data folder of its own. */
async function startServe(): Promise<{ child: ChildProcess; target: ServerTarget }> {
  const userData = mkdtempSync(join(tmpdir(), 'radar-fuzz-'))
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'radar.js'),
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--user-data',
      userData,
      '--sample',
    ],
    { cwd: ROOT, env: { ...process.env, RADAR_LAUNCH: 'idle' }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stderr?.resume()
  let output = ''
  const url = await new Promise<URL>((res, rej) => {
    const timer = setTimeout(() => {
      // Never leave a server behind when the run cannot start.
      child.kill('SIGTERM')
      rej(new Error(`radar serve printed no URL in 30 s:\n${output}`))
    }, 30_000)
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString()
      const m = /http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]+\//.exec(output)
      if (m) {
        clearTimeout(timer)
        res(new URL(m[0]))
      }
    })
    child.once('exit', (code) => rej(new Error(`radar serve exited with ${code}:\n${output}`)))
  })
  return {
    child,
    target: { host: url.hostname, port: Number(url.port), token: url.pathname.split('/')[1] ?? '' },
  }
}

const alive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, rej) =>
      setTimeout(() => rej(new Error(`${what}: no outcome in ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS),
    ),
  ])
}

async function runProbe(
  probe: ServerProbe,
  index: number,
  child: ChildProcess,
  t: ServerTarget,
): Promise<Tally> {
  const tally: Tally = { name: probe.name, tried: 0, held: 0, failed: 0, note: '' }
  for (let round = 0; round < rounds && alive(child); round++) {
    tally.tried++
    let detail: string
    let ok: boolean
    try {
      const outcome = await withTimeout(
        probe.run(t, seededRng(seed * 1000 + index * 100 + round)),
        probe.name,
      )
      ok = outcome.ok
      detail = outcome.detail
    } catch (err) {
      ok = false
      detail = err instanceof Error ? err.message : String(err)
    }
    const serving = alive(child) && (await answersValidRequest(t))
    if (ok && serving) tally.held++
    else {
      tally.failed++
      tally.note ||= serving
        ? `round ${round}: ${detail}`
        : `round ${round}: server ${alive(child) ? 'stopped answering' : 'died'} (${detail})`
    }
  }
  return tally
}

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : Number.NaN
}

/** Keeps the sample replaying at max speed (seek to its start whenever it ends) so events flood out. */
async function keepReplaying(control: RawWs, until: number): Promise<void> {
  let id = 1
  const call = async (channel: string, payload?: unknown): Promise<Record<string, unknown> | null> => {
    control.send(textFrame(JSON.stringify({ kind: 'invoke', id: id++, channel, payload })))
    return control.nextReply()
  }
  await call('replayControl', { action: 'speed', speed: 'max' })
  while (Date.now() < until) {
    const pos = (await call('getReplayPosition'))?.value as { state?: string; startTsMs?: number } | undefined
    if (pos?.state !== 'playing') {
      if (pos?.startTsMs !== undefined) await call('replayControl', { action: 'seek', tsMs: pos.startTsMs })
      await call('replayControl', { action: 'play' })
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await call('replayControl', { action: 'pause' })
}

async function slowReaders(child: ChildProcess, t: ServerTarget): Promise<Tally> {
  const name = `slow readers: ${slowClients} never read (${slowSeconds} s)`
  const tally: Tally = { name, tried: 1, held: 0, failed: 0, note: '' }
  const pid = child.pid as number
  const before = rssMb(pid)
  const control = await openRawWs(t)
  const sockets = await Promise.all(Array.from({ length: slowClients }, () => openRawWs(t)))
  for (const s of sockets) s.socket.pause()
  let peak = before
  const sampler = setInterval(() => alive(child) && (peak = Math.max(peak, rssMb(pid))), 250)
  try {
    await keepReplaying(control, Date.now() + slowSeconds * 1000)
  } catch (err) {
    tally.note = err instanceof Error ? err.message : String(err)
  } finally {
    clearInterval(sampler)
    control.destroy()
    for (const s of sockets) s.destroy()
  }
  const grewMb = peak - before
  const serving = alive(child) && (await answersValidRequest(t))
  // Budgets: 16 MiB a client, 64 MiB for all (the same Buffer queued to every client counts once).
  const ok = serving && grewMb < 100
  tally[ok ? 'held' : 'failed']++
  tally.note ||= `RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB (+${grewMb.toFixed(0)})${serving ? '' : '; server not answering'}`
  return tally
}

const line = (t: Tally): string =>
  `${t.name.padEnd(46)} tried ${String(t.tried).padStart(4)}  held ${String(t.held).padStart(4)}  failed ${String(t.failed).padStart(4)}${t.note ? `  ${t.note}` : ''}\n`

const chosen = (name: string): boolean => name.toLowerCase().includes(values.only.toLowerCase())
const probes = SERVER_PROBES.filter((p) => chosen(p.name))
const withSlowReaders = chosen('slow readers')

const { child, target } = await startServe()
process.stdout.write(
  `radar fuzz: seed ${seed}, ${rounds} rounds per probe, server pid ${child.pid} on ${target.host}:${target.port}\n\n`,
)
const tallies: Tally[] = []
try {
  for (const [i, probe] of probes.entries()) {
    const tally = await runProbe(probe, i, child, target)
    tallies.push(tally)
    process.stdout.write(line(tally))
  }
  if (alive(child) && withSlowReaders) {
    const tally = await slowReaders(child, target)
    tallies.push(tally)
    process.stdout.write(line(tally))
  }
} finally {
  child.kill('SIGTERM')
}
const sum = (k: 'tried' | 'held' | 'failed'): number => tallies.reduce((a, t) => a + t[k], 0)
const missing = probes.length + (withSlowReaders ? 1 : 0) - tallies.length
process.stdout.write(
  `\n${sum('tried')} tried, ${sum('held')} held, ${sum('failed')} failed${missing > 0 ? `, ${missing} probes not run (server died)` : ''}\n`,
)
process.exit(sum('failed') > 0 || missing > 0 ? 1 : 0)
