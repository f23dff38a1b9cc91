import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MarketEvent } from '../../../src/shared/market-event'
import { applyEvents, createScoringState, snapshotMarket } from '../../../src/shared/scoring/scoring-state'
import type { ScoringState } from '../../../src/shared/scoring/scoring-state'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import { recordCommand } from '../../../src/main/cli/commands/record'
import { parseArgs } from '../../../src/main/cli/args'
import { LiveSource } from '../../../src/main/engine/connectors/live-source'
import { SessionWriter } from '../../../src/main/engine/sessions/session-writer'
import { SessionReader } from '../../../src/main/engine/sessions/session-reader'

let emu: RunningEmulator
const saved = { ...process.env }
beforeAll(async () => {
  emu = await startEmulator({ port: 0, speed: 4 })
  process.env.RADAR_BINANCEUSDM_REST_URL = emu.restUrl
  process.env.RADAR_BINANCEUSDM_WS_URL = emu.wsUrl
})
afterAll(async () => {
  process.env = saved
  await emu.close()
})

const allSnapshots = (state: ScoringState) =>
  [...state.markets.keys()].sort().map((k) => snapshotMarket(state, k))

describe('live and replay are one path', () => {
  it('a session recorded from a live (emulated) run replays to the scores the live run produced', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'radar-live-')), 'live.radar')
    const live = createScoringState()
    const writer = SessionWriter.open(
      out,
      {
        label: 'emulated live run',
        source: { kind: 'recording', format: 'live', files: [] },
        provenance: 'test',
        importer: null,
      },
      { autoFlushMs: 1000 },
    )
    const source = new LiveSource({
      watchlist: [{ venue: 'binanceusdm', symbols: ['BTC/USDT:USDT'] }],
      backfill: false,
    })
    let received = 0
    await source.start((batch) => {
      writer.append(batch)
      applyEvents(live, batch)
      received += batch.length
    })
    // Collect a few hundred real events (slower on a loaded machine), then stop.
    for (let waited = 0; received < 300 && waited < 25_000; waited += 100)
      await new Promise((r) => setTimeout(r, 100))
    await source.stop()
    writer.close()
    expect(received).toBeGreaterThanOrEqual(300)

    const reader = SessionReader.open(out)
    const replayed = createScoringState()
    const events: MarketEvent[] = [...reader.events()]
    reader.close()
    expect(events).toHaveLength(received)
    // Same batches or one big batch: the engine's scores depend on event order and exchange time only.
    applyEvents(replayed, events)
    expect(JSON.stringify(allSnapshots(replayed))).toBe(JSON.stringify(allSnapshots(live)))
  }, 45_000)

  it('radar record writes a session that opens with the recorded markets', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'radar-rec-')), 'rec.radar')
    let stdout = ''
    const io = { stdout: (t: string) => void (stdout += t), stderr: () => {}, readStdin: async () => '' }
    const code = await recordCommand.run(
      parseArgs(['--venue', 'binanceusdm', '--symbols', 'BTC/USDT:USDT', '--out', out, '--seconds', '3']),
      io,
    )
    expect(code).toBe(0)
    expect(stdout).toMatch(/recorded \d+ events/)
    const reader = SessionReader.open(out)
    expect(reader.metadata.markets).toContain('binanceusdm:BTC/USDT:USDT')
    expect(reader.metadata.source.kind).toBe('recording')
    expect(reader.cutShort).toBe(false)
    reader.close()
  }, 30000)
})
