import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { importSessionInputs } from '../../../src/main/engine/sessions/import-session'
import { EventSpill } from '../../../src/main/engine/sessions/importers/event-spill'
import { readLineStream } from '../../../src/main/engine/sessions/importers/line-stream'
import { SessionReader } from '../../../src/main/engine/sessions/session-reader'
import type { MarketEvent } from '../../../src/shared/market-event'

const DATA = resolve(__dirname, '../../../../shared/data')
const dir = (): string => mkdtempSync(join(tmpdir(), 'radar-stream-'))

async function lines(path: string): Promise<string[]> {
  const out: string[] = []
  for await (const l of (await readLineStream(path)).lines) out.push(`${l.line}:${l.text}`)
  return out
}

describe('line reader', () => {
  it('reads plain, gzip and zip alike: BOM dropped, CRLF ends a line, a last line without newline kept', async () => {
    const d = dir()
    const text = '\ufeffa,b\r\n1,2\n3,4'
    writeFileSync(join(d, 'p.csv'), text)
    writeFileSync(join(d, 'g.csv.gz'), gzipSync(Buffer.from(text)))
    writeFileSync(join(d, 'z.zip'), zipSync({ 'inner.csv': Buffer.from(text) }))
    for (const f of ['p.csv', 'g.csv.gz', 'z.zip']) {
      expect(await lines(join(d, f))).toEqual(['1:a,b', '2:1,2', '3:3,4'])
    }
  })

  it('refuses a "line" longer than its bound instead of growing without end', async () => {
    const p = join(dir(), 'long.csv')
    writeFileSync(p, 'x'.repeat(5000))
    const reader = await readLineStream(p, 1000)
    await expect(
      (async () => {
        for await (const _ of reader.lines) void _
      })(),
    ).rejects.toThrow(/line 1 is longer than 1000 bytes/)
  })
})

const ev = (ts: number, id: string): MarketEvent => ({
  type: 'trade',
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT',
  exchangeTsMs: ts,
  receiveTsMs: ts,
  price: 100,
  qtyBase: 1,
  takerSide: 'buy',
  tradeId: id,
})

describe('event spill: sorted runs merged without a global sort', () => {
  it('merges chunks that overlap in time into one time order, keeping run order on equal times', async () => {
    const spill = new EventSpill()
    try {
      await spill.write([ev(30, 'a30'), ev(10, 'a10'), ev(20, 'a20')]) // run 0 (sorted on write)
      await spill.write([ev(40, 'a40')]) // continues run 0
      await spill.write([ev(15, 'b15'), ev(20, 'b20'), ev(50, 'b50')]) // starts before 40: run 1
      const ids: string[] = []
      for await (const { events } of spill.merged(2))
        ids.push(...events.map((e) => (e as { tradeId: string }).tradeId))
      expect(ids).toEqual(['a10', 'b15', 'a20', 'b20', 'a30', 'a40', 'b50'])
    } finally {
      spill.dispose()
    }
  })
})

describe('several inputs, one session', () => {
  it('bars and a funding history in one run: events merged by time, one provenance note per input', async () => {
    const out = join(dir(), 'mix.radar')
    const s = await importSessionInputs(
      [
        {
          format: 'bars',
          paths: [`${DATA}/btc-derivatives-2026/btc_liquidations_30m_2026-03-01_2026-05-28.csv`],
        },
        {
          format: 'funding-csv',
          paths: [`${DATA}/funding-history/BTC-USDT/BTC-USDT_gate_2020-01-01_2024-01-01_funding_history.csv`],
        },
      ],
      { out, venue: 'binanceusdm', sourceVenue: 'gate', tzOffsetHours: 0 },
    )
    // 4,233 thirty-minute liquidation rows; the gate history's funding rows as the importer counted them.
    expect(s.metadata.eventCounts.liquidationBar).toBe(4233)
    expect(s.metadata.eventCounts.funding).toBe(s.stats.fundingRows)
    expect(s.metadata.dataQuality.filter((n) => /^Input [12] \(/.test(n))).toHaveLength(2)
    const reader = SessionReader.open(out)
    let prev = -Infinity
    let n = 0
    for (const batch of reader.batches()) {
      for (const e of batch) {
        expect(e.exchangeTsMs).toBeGreaterThanOrEqual(prev)
        prev = e.exchangeTsMs
        n++
      }
    }
    reader.close()
    expect(n).toBe(s.metadata.eventCount)
  })
})
