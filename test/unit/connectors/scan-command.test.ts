import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scanCommand } from '../../../src/main/cli/commands/scan'
import { parseArgs } from '../../../src/main/cli/args'
import type { ScanSnapshot } from '../../../src/main/engine/connectors/scan-snapshot'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import type { Metric } from '../../../src/shared/scoring/snapshot'

let emu: RunningEmulator
const saved = { ...process.env }
beforeAll(async () => {
  emu = await startEmulator({ port: 0, speed: 2 })
  for (const v of ['BINANCEUSDM', 'BINANCE']) {
    process.env[`RADAR_${v}_REST_URL`] = emu.restUrl
    process.env[`RADAR_${v}_WS_URL`] = emu.wsUrl
  }
})
afterAll(async () => {
  process.env = saved
  await emu.close()
})

describe('radar scan against the emulator', () => {
  it('prints a normalized snapshot per market', async () => {
    let out = ''
    const io = { stdout: (t: string) => void (out += t), stderr: () => {}, readStdin: async () => '' }
    const code = await scanCommand.run(
      parseArgs(
        ['--venue', 'binanceusdm', '--symbols', 'BTC', '--seconds', '8', '--json'],
        new Set(['json']),
      ),
      io,
    )
    expect(code).toBe(0)
    const [snap] = JSON.parse(out) as (ScanSnapshot & {
      droppedFrames: number
      stress: { lsi: Metric | null; longSpike4h: Metric; shortSpike4h: Metric }
    })[]
    expect(snap!.symbol).toBe('BTC/USDT:USDT')
    // markPrice frames: "r":"0.00002760" per 8 h period, "T":1680681600000 next funding.
    expect(snap!.fundingRatePerPeriod).toBe(0.0000276)
    expect(snap!.fundingIntervalHours).toBe(8)
    expect(snap!.nextFundingTsMs).toBe(1680681600000)
    // 0.0000276 / 8 h = 0.00000345 per hour; x 8760 h = 0.030222 APR.
    expect(snap!.fundingRatePerHour).toBeCloseTo(0.00000345, 12)
    expect(snap!.fundingApr).toBeCloseTo(0.030222, 6)
    // Recorded marks in the first seconds are 28155.1-28155.3; the spot trades 28165.4x: the perp traded
    // about (28155.2 - 28165.47) / 28165.47 = -3.6 bps below spot.
    expect(snap!.mark as number).toBeGreaterThan(28150)
    expect(snap!.mark as number).toBeLessThan(28160)
    expect(snap!.spotPrice as number).toBeGreaterThan(28160)
    expect(snap!.basisBps as number).toBeLessThan(-1)
    expect(snap!.basisBps as number).toBeGreaterThan(-10)
    expect(snap!.bestBid as number).toBeLessThan(snap!.bestAsk as number)
    // /fapi/v1/openInterest serves the metrics file's last bar: 72209.196 BTC.
    expect(snap!.oiContracts).toBe(72209.196)
    expect(snap!.lastEventAgeMs.trade as number).toBeGreaterThanOrEqual(0)
    // Counters are present as numbers (their values under faults are covered by faults.test.ts; on a loaded
    // machine a resubscribe can legitimately occur within the collection window).
    expect(Number.isInteger(snap!.gaps)).toBe(true)
    expect(Number.isInteger(snap!.droppedFrames)).toBe(true)
    // Eight seconds without backfill: no 90-day funding percentile and no 24-h OI change, so the stress index
    // rests on under 60 % of its weight at best, and no spike probability is printed from it.
    expect(snap!.stress.lsi!.value).toBeNull()
    expect(snap!.stress.longSpike4h.value).toBeNull()
    expect(snap!.stress.longSpike4h.reason).toMatch(/^(partial stress index|no stress index)/)
    expect(snap!.stress.shortSpike4h.value).toBeNull()
  }, 30000)
})
