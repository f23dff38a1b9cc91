import { startEmulator } from '../../engine/emulator/emulator'
import type { FaultKind } from '../../engine/emulator/faults'
import { parseFaultKind } from '../../engine/emulator/faults'
import { numberOption, stringOption, UsageError } from '../args'
import type { Command } from '../command'

/** Responses a --refuse or --slow path takes: every request of a test run, without an endless fault list. */
const PATH_FAULT_COUNT = 10_000

const HELP = `Usage: radar emulate [--port 0] [--speed 1] [--loop] [--fault <kind,...>] [--fault-every 30]
                    [--refuse <path,...>] [--slow <path,...>] [--slow-ms 2000]

Runs a local exchange on 127.0.0.1 that speaks enough of Binance USDⓈ-M / spot, Bybit v5 and OKX v5 for ccxt
and ccxt.pro, serving the recorded payloads in ../shared/data (docs/emulator.md lists what is recorded and
what is built from recordings). Point the radar at it with RADAR_<VENUE>_REST_URL=http://127.0.0.1:<port>
and RADAR_<VENUE>_WS_URL=ws://127.0.0.1:<port> (VENUE = BINANCEUSDM, BINANCE, BYBIT, OKX).

Options:
  --port <n>          port (default 0: any free port)
  --speed <x>         replay pace, 1 = as recorded (default 1)
  --loop              replay the Binance recordings in a loop (times and ids keep increasing)
  --fault <kinds>     inject faults repeatedly: drop, stall, mute, malformed, duplicate, seqgap, 429, 500, slow
  --fault-every <s>   seconds between fault injections (default 30)
  --refuse <paths>    answer REST requests whose path starts with one of these (comma-separated) with HTTP 500,
                      from the start, up to ${PATH_FAULT_COUNT.toLocaleString('en-US')} times: a history endpoint the venue refuses
                      (e.g. /futures/data/openInterestHist)
  --slow <paths>      delay REST answers under these paths by --slow-ms, from the start, up to
                      ${PATH_FAULT_COUNT.toLocaleString('en-US')} times: a history that loads slowly
  --slow-ms <ms>      delay of --slow (default 2000)
  --data <dir>        recorded data folder (default ../shared/data or $RADAR_DATA_DIR)
`

function pathList(args: Parameters<Command['run']>[0], name: string): string[] {
  const paths = (stringOption(args, name) ?? '').split(',').filter(Boolean)
  const bad = paths.find((p) => !p.startsWith('/'))
  if (bad !== undefined) throw new UsageError(`--${name}: "${bad}" is not a path (it must start with /)`)
  return paths
}

export const emulateCommand: Command = {
  name: 'emulate',
  summary: 'run a local exchange emulator serving recorded Binance, Bybit and OKX payloads',
  help: HELP,
  flags: ['loop'],
  async run(args, io) {
    const port = numberOption(args, 'port') ?? 0
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0-65535, got ${port}`)
    const speed = numberOption(args, 'speed') ?? 1
    if (!(speed > 0)) throw new UsageError(`--speed must be > 0, got ${speed}`)
    let faults: FaultKind[] = []
    try {
      faults = (stringOption(args, 'fault') ?? '').split(',').filter(Boolean).map(parseFaultKind)
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err))
    }
    const everyS = numberOption(args, 'fault-every') ?? 30
    const dataDir = stringOption(args, 'data')
    const refused = pathList(args, 'refuse')
    const slowed = pathList(args, 'slow')
    const slowMs = numberOption(args, 'slow-ms') ?? 2000
    if (!(slowMs >= 0)) throw new UsageError(`--slow-ms must be ≥ 0, got ${slowMs}`)
    const emu = await startEmulator({
      port,
      speed,
      loop: args.options.has('loop'),
      ...(dataDir ? { dataDir } : {}),
    })
    for (const pathPrefix of refused) emu.inject({ kind: '500', pathPrefix, count: PATH_FAULT_COUNT })
    for (const pathPrefix of slowed)
      emu.inject({ kind: 'slow', pathPrefix, delayMs: slowMs, count: PATH_FAULT_COUNT })
    io.stdout(`emulator listening: REST ${emu.restUrl}  WS ${emu.wsUrl}\n`)
    let i = 0
    const timer =
      faults.length > 0
        ? setInterval(() => {
            const kind = faults[i++ % faults.length] as FaultKind
            emu.inject(kind)
            io.stderr(`injected fault: ${kind}\n`)
          }, everyS * 1000)
        : null
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    if (timer) clearInterval(timer)
    await emu.close()
    return 0
  },
}
