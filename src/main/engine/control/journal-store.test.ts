import { appendFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../logging/logger'
import { journalToCsv, JournalStore } from './journal-store'

const source = { kind: 'sample' as const, label: 'Recorded sample', sessionPath: '/s.radar' }

describe('JournalStore', () => {
  it('lists entries newest first, filters by market and text, and skips a damaged line', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-journal-')), 'journal.jsonl')
    const logger = createMemoryLogger()
    const store = new JournalStore(path, logger)
    store.add(
      {
        key: 'binanceusdm:BTC/USDT:USDT',
        note: 'funding extreme, skip',
        decision: 'no-trade',
        marketTsMs: 1,
        source,
        snapshot: null,
      },
      1000,
    )
    appendFileSync(path, '{"broken": \n')
    store.add(
      {
        key: 'binanceusdm:ETH/USDT:USDT',
        note: 'basis wide',
        decision: 'short',
        marketTsMs: 2,
        source,
        snapshot: null,
      },
      2000,
    )
    expect(store.list().map((e) => e.note)).toEqual(['basis wide', 'funding extreme, skip'])
    expect(store.list({ key: 'binanceusdm:BTC/USDT:USDT' }).map((e) => e.decision)).toEqual(['no-trade'])
    expect(store.list({ text: 'BASIS' })).toHaveLength(1)
    expect(logger.lines.some((l) => l.msg.includes('journal line 2 is damaged'))).toBe(true)
  })

  it('exports CSV with quoting of commas, quotes and newlines', () => {
    const csv = journalToCsv([
      {
        id: 'x',
        createdAtMs: Date.UTC(2024, 0, 2, 3, 4, 5),
        marketTsMs: null,
        key: 'bybit:SOL/USDT:USDT',
        note: 'said "wait",\nthen left',
        decision: 'note',
        source,
        snapshot: null,
      },
    ])
    expect(csv).toBe(
      'created_utc,market_time_utc,market,decision,note,source,stress,tags,contradictions\n' +
        '2024-01-02T03:04:05.000Z,,bybit:SOL/USDT:USDT,note,"said ""wait"",\nthen left",sample: Recorded sample,,,\n',
    )
  })
})
