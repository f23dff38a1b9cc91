import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli/run-cli'
import { importCommand } from '../../../src/main/cli/commands/import'
import { ImportJobs } from '../../../src/main/engine/control/import-jobs'
import { SessionLibrary } from '../../../src/main/engine/control/session-library'
import { EventBus } from '../../../src/main/engine/event-bus'
import { createMemoryLogger } from '../../../src/main/engine/logging/logger'
import { importSession } from '../../../src/main/engine/sessions/import-session'
import { sessionRequests, type ImportProgress } from '../../../src/shared/contract/sessions'
import { ImportRefused } from '../../../src/main/engine/sessions/importers/types'
import { replaySessionReport } from '../../../src/main/engine/sessions/replay-report'
import { SessionReader } from '../../../src/main/engine/sessions/session-reader'
import { defaultSettings } from '../../../src/shared/settings'
import { pipelineConfigFromSettings } from '../../../src/shared/scoring/config-from-settings'

/** Tardis trades layout (tardis.dev "trades" dataset); timestamps in µs. */
const TRADES = 'exchange,symbol,timestamp,local_timestamp,id,side,price,amount'
const T0_US = 1680652800000000 // 2023-04-05 00:00:00 UTC
const at = (sec: number): number => T0_US + sec * 1_000_000
const PERP = 'binanceusdm:BTC/USDT:USDT'

function tardis(dir: string, name: string, rows: string[]): string {
  const p = join(dir, name)
  writeFileSync(p, `${TRADES}\n${rows.join('\n')}\n`)
  return p
}

function basisOfReport(path: string, config?: ReturnType<typeof pipelineConfigFromSettings>['config']) {
  const report = replaySessionReport(path, config ? { config } : {})
  return report.markets.find((m) => m.key === PERP)!.metrics['basis-bps']!
}

describe('the basis pairing as an import option', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radar-pairing-'))
  // The same files as the cross-venue basis test, plus Binance spot: without a pairing, the perp's own
  // family (Binance spot) is its pair, so a Coinbase figure can only come from the session's pairing.
  const files = [
    tardis(dir, 'binance-futures_trades_2023-04-05_BTCUSDT.csv', [
      `binance-futures,BTCUSDT,${at(0.5)},${at(0.51)},1,buy,28200.0,0.010`,
      `binance-futures,BTCUSDT,${at(30)},${at(30.01)},2,sell,28210.0,0.020`,
    ]),
    tardis(dir, 'coinbase_trades_2023-04-05_BTC-USD.csv', [
      `coinbase,BTC-USD,${at(0.1)},${at(0.12)},11,buy,28150.25,0.015`,
      `coinbase,BTC-USD,${at(20)},${at(20.02)},12,sell,28160.00,0.010`,
    ]),
    tardis(dir, 'coinbase_trades_2023-04-05_USDT-USD.csv', [
      `coinbase,USDT-USD,${at(0)},${at(0.02)},21,buy,1.0002,500`,
    ]),
    tardis(dir, 'binance_trades_2023-04-05_BTCUSDT.csv', [
      `binance,BTCUSDT,${at(25)},${at(25.01)},41,buy,28190.0,0.5`,
    ]),
  ]
  const paired = join(dir, 'paired.radar')
  const plain = join(dir, 'plain.radar')

  let pairedSummary: Awaited<ReturnType<typeof importSession>>
  beforeAll(async () => {
    pairedSummary = await importSession('tardis', files, { out: paired, basisSpotVenue: 'coinbase' })
    await importSession('tardis', files, { out: plain })
  })

  it('records the import option in the session metadata; a session without it has none', () => {
    expect(pairedSummary.metadata.basisSpotVenue).toBe('coinbase')
    const reader = SessionReader.open(paired)
    expect(reader.metadata.basisSpotVenue).toBe('coinbase')
    reader.close()
    const old = SessionReader.open(plain)
    expect(old.metadata.basisSpotVenue).toBeUndefined()
    expect(old.notes().join(' ')).not.toContain('basisSpotVenue')
    old.close()
  })

  it('a replay report pairs with the session’s venue while the setting is auto', () => {
    const auto = pipelineConfigFromSettings(defaultSettings()).config
    const m = basisOfReport(paired, auto)
    // At 00:00:30: perp 28,210.0 USDT × 1.0002 USD/USDT = 28,215.642 USD against Coinbase's 28,160.00 USD:
    // (28,215.642 − 28,160) / 28,160 = 19.7592 bps.
    expect(m.value).toBeCloseTo(19.759233, 5)
    expect(m.reason).toContain('against coinbase:BTC/USD')
    expect(m.reason).toContain(
      "spot venue coinbase chosen by the session's import option (the basis setting is auto)",
    )
    // With no config passed at all (the CLI without user data) the session's pairing applies too.
    expect(basisOfReport(paired).value).toBeCloseTo(19.759233, 5)
  })

  it('without the option the perp pairs with its own family, as before', () => {
    const m = basisOfReport(plain, pipelineConfigFromSettings(defaultSettings()).config)
    // Binance spot's last trade 28,190.0 USDT (5 s old): (28,210 − 28,190) / 28,190 = 7.0947 bps.
    expect(m.value).toBeCloseTo(7.094715, 5)
    expect(m.reason ?? '').not.toContain('chosen')
  })

  it('an explicit basis setting wins over the session’s pairing, and the note says so', () => {
    const binance = pipelineConfigFromSettings({ ...defaultSettings(), basisSpotVenue: 'binance' }).config
    const m = basisOfReport(paired, binance)
    expect(m.value).toBeCloseTo(7.094715, 5)
    expect(m.reason).toContain('spot venue binance chosen by the basis setting')
  })

  it('refuses a venue id it does not know before any file is read', async () => {
    const missing = join(dir, 'no-such-file.csv')
    const err = await importSession('tardis', [missing], {
      out: join(dir, 'never.radar'),
      basisSpotVenue: 'nowhere',
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ImportRefused)
    // The venue is named, not the missing file: the check ran first.
    expect((err as Error).message).toMatch(
      /^basis spot venue "nowhere" is not a venue id; venues: .*coinbase/,
    )
  })
})

describe('the Sessions screen’s import request carries the pairing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radar-pairing-ui-'))
  const perp = tardis(dir, 'binance-futures_trades_2023-04-05_BTCUSDT.csv', [
    `binance-futures,BTCUSDT,${at(0.5)},${at(0.51)},1,buy,28200.0,0.010`,
  ])

  it('the request schema takes a known venue id and refuses any other', () => {
    const base = { format: 'tardis', paths: [perp] }
    expect(sessionRequests.startImport.safeParse({ ...base, basisSpotVenue: 'coinbase' }).success).toBe(true)
    expect(sessionRequests.startImport.safeParse({ ...base, basisSpotVenue: 'nowhere' }).success).toBe(false)
  })

  it('an import job records it in the new session', async () => {
    const bus = new EventBus()
    const jobs = new ImportJobs(
      new SessionLibrary(join(dir, 'samples'), join(dir, 'sessions')),
      bus,
      createMemoryLogger(),
      null,
    )
    const ended = new Promise<ImportProgress>((resolve) =>
      bus.on('importProgress', (p) => p.state !== 'running' && resolve(p)),
    )
    jobs.start({ format: 'tardis', paths: [perp], basisSpotVenue: 'coinbase' })
    const end = await ended
    expect(end.state).toBe('done')
    const reader = SessionReader.open(end.sessionPath!)
    expect(reader.metadata.basisSpotVenue).toBe('coinbase')
    reader.close()
  })
})

describe('radar import --basis-spot-venue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radar-pairing-cli-'))
  const perp = tardis(dir, 'binance-futures_trades_2023-04-05_BTCUSDT.csv', [
    `binance-futures,BTCUSDT,${at(0.5)},${at(0.51)},1,buy,28200.0,0.010`,
  ])
  async function radar(...argv: string[]) {
    let stderr = ''
    const code = await runCli(argv, [importCommand], {
      stdout: () => {},
      stderr: (s) => void (stderr += s),
      readStdin: async () => '',
    })
    return { code, stderr }
  }

  it('records the venue in the session', async () => {
    const out = join(dir, 'cli.radar')
    const r = await radar('import', 'tardis', perp, '--basis-spot-venue', 'coinbase', '--out', out)
    expect(r.code).toBe(0)
    const reader = SessionReader.open(out)
    expect(reader.metadata.basisSpotVenue).toBe('coinbase')
    reader.close()
  })

  it('refuses an unknown venue before reading a file, naming the option and the venues', async () => {
    const out = join(dir, 'never.radar')
    const r = await radar(
      'import',
      'tardis',
      join(dir, 'missing.csv'),
      '--basis-spot-venue',
      'nowhere',
      '--out',
      out,
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--basis-spot-venue must be one of .*coinbase.*, got "nowhere"/)
    expect(existsSync(out)).toBe(false)
  })
})
