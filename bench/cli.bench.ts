/**
 * `radar` as a user runs it, a whole process each time (the built app: `npm run bench` builds first):
 *  (a) `radar --help` wall time (goal < 0.3 s), beside `node -e 0` (what any Node command costs to start)
 *  (b) `radar replay <sample> --report json` on the bundled samples as they ship (format 1), whole process
 *      (start-up, imports, cold code, decode, scoring, the JSON report) against the raw floor: inflating and
 *      `JSON.parse`-ing the same frames in this warm process (goal ≥ 0.7), and against the reader's full
 *      decode (frame walk, CRC, validation) and the in-process replay of the same files
 *  (c) which npm packages `radar --help`, `radar replay` and `radar scan --help` load (none is the goal for
 *      the first two; scan needs ccxt only once it runs), traced by a module resolve hook
 * Ratios come from alternating rounds (each side back to back in every round, the median of the per-round
 * ratios), with the machine's load printed beside each figure.
 */
import { spawnSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { FRAME_HEADER_BYTES, FrameType } from '../src/main/engine/sessions/format'
import { decodeEventsPayload } from '../src/main/engine/sessions/frame-payload'
import { SessionReader } from '../src/main/engine/sessions/session-reader'
import { alternate, machineLoad, median, ratio, REPO_ROOT, SAMPLES_DIR } from './bench-env'
import { decodeAll, replayAll } from './session-probes'

const CLI = join(REPO_ROOT, 'bin', 'radar.js')
const SAMPLES = ['binance-btcusdt-2023-04-05.radar', 'binance-btc-eth-2024-08-08.radar'].map((f) =>
  join(SAMPLES_DIR, f),
)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const out = (line: string) => process.stdout.write(`${line}  (${machineLoad()})\n`)

function run(args: string[], execArgv: string[] = []): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...execArgv, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`)
  return r
}

/** Wall seconds of one whole process. */
function wallS(args: string[]): number {
  const t0 = performance.now()
  run(args)
  return (performance.now() - t0) / 1000
}

function cliReplayAll(): number {
  let n = 0
  for (const f of SAMPLES) {
    const r = run([CLI, 'replay', f, '--report', 'json'])
    n += (JSON.parse(r.stdout) as { summary: { events: number } }).summary.events
  }
  return n
}

/** The raw floor: every events frame inflated and parsed, nothing validated or built beyond JSON.parse. */
function rawFloorAll(): number {
  let n = 0
  for (const f of SAMPLES) {
    const r = SessionReader.open(f)
    const fd = openSync(f, 'r')
    for (const fr of r.frames) {
      if (fr.type !== FrameType.events) continue
      const payload = Buffer.allocUnsafe(fr.payloadBytes)
      readSync(fd, payload, 0, fr.payloadBytes, fr.offset + FRAME_HEADER_BYTES)
      n += decodeEventsPayload(payload, fr).events.length
    }
    closeSync(fd)
    r.close()
  }
  return n
}

/** npm packages a command loads, from a resolve hook that prints every module it resolves. */
function packagesLoaded(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-cli-'))
  const hook = join(dir, 'hook.mjs')
  const register = join(dir, 'register.mjs')
  writeFileSync(
    hook,
    `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('RESOLVED ' + r.url + '\\n'); return r }\n`,
  )
  writeFileSync(
    register,
    `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hook).href)})\n`,
  )
  try {
    const { stderr } = run([CLI, ...args], ['--import', pathToFileURL(register).href])
    const names = new Set<string>()
    for (const m of stderr.matchAll(/^RESOLVED .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) names.add(m[1]!)
    return [...names].sort()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (!existsSync(join(REPO_ROOT, 'out', 'main', 'cli.js'))) {
  process.stdout.write('cli: skipped, the app is not built (npm run bench builds it; or npm run build)\n')
  process.exit(0)
}

const help: number[] = []
const bare: number[] = []
for (let i = -1; i < 2 * ROUNDS; i++) {
  const h = wallS([CLI, '--help'])
  const b = wallS(['-e', '0'])
  if (i < 0) continue
  help.push(h)
  bare.push(b)
}
out(`cli.help_wall_s: ${median(help).toFixed(3)} s (goal < 0.3); node -e 0: ${median(bare).toFixed(3)} s`)

/**
 * CPU seconds (user + system) the waited-for child processes have used so far, from /proc (Linux; null
 * elsewhere): the whole-process cost without the time spent waiting for a core on a loaded machine.
 */
function childrenCpuS(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
    // After "pid (comm) ": state is field 0, cutime field 13, cstime field 14, in clock ticks (100 a second).
    return (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    return null
  }
}

/** CPU µs per event of `fn` in this process, and of the children it waited for. */
function cpuPerEvent(fn: () => number): { self: number; children: number | null } {
  const c0 = process.cpuUsage()
  const k0 = childrenCpuS()
  const n = fn()
  const c = process.cpuUsage(c0)
  const k1 = childrenCpuS()
  return {
    self: (c.user + c.system) / n,
    children: k0 === null || k1 === null ? null : ((k1 - k0) * 1e6) / n,
  }
}

const cpuRaw: number[] = []
const cpuCli: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  cpuRaw.push(cpuPerEvent(rawFloorAll).self)
  const cli = cpuPerEvent(cliReplayAll).children
  if (cli !== null) cpuCli.push(cli)
}

const rates = await alternate(ROUNDS, {
  raw: rawFloorAll,
  decode: () => decodeAll(SAMPLES),
  replay: () => replayAll(SAMPLES),
  cli: cliReplayAll,
})
out(`cli.raw_floor_events_per_s: ${Math.round(median(rates.raw!))} /s (inflate + JSON.parse, format 1)`)
out(`cli.replay_events_per_s: ${Math.round(median(rates.cli!))} /s (radar replay, whole process, format 1)`)
out(`cli.replay_vs_raw_floor: ${ratio(rates.cli!, rates.raw!).toFixed(3)} x (goal ≥ 0.7)`)
out(`cli.replay_vs_decode: ${ratio(rates.cli!, rates.decode!).toFixed(3)} x (the reader's full decode)`)
out(`cli.replay_vs_inprocess_replay: ${ratio(rates.cli!, rates.replay!).toFixed(3)} x`)
if (cpuCli.length > 0)
  out(
    `cli.replay_cpu_us_per_event: ${median(cpuCli).toFixed(2)} µs (whole process, user + system) vs raw floor ${median(cpuRaw).toFixed(2)} µs: ${ratio(cpuRaw, cpuCli).toFixed(3)} x of the floor by CPU time (waiting for a core left out)`,
  )
out(`cli.inprocess_replay_vs_raw_floor: ${ratio(rates.replay!, rates.raw!).toFixed(3)} x (no start-up)`)

for (const args of [['--help'], ['replay', SAMPLES[0]!, '--report', 'json'], ['scan', '--help']]) {
  const pkgs = packagesLoaded(args)
  out(
    `cli.packages_loaded: radar ${args[0]}${args[0] === 'scan' ? ' --help' : ''}: ${pkgs.join(', ') || 'none'}`,
  )
}
