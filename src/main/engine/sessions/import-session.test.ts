import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importSession } from './import-session'
import type { ImportProgress } from './importers/types'
import { listSessions } from './list-sessions'

/** The recorded exchange data shared beside the repository (../shared/data). */
const SHARED_DATA = resolve(__dirname, '../../../../../shared/data')

const WS = SHARED_DATA + '/binance-ws/'

describe('importSession', () => {
  it('reports progress and stops on an AbortSignal without writing a session', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'radar-abort-')), 'a.radar')
    const ac = new AbortController()
    const seen: ImportProgress[] = []
    const run = importSession('binance-ws', [`${WS}usdm/btcusdt_20230404.dat.gz`], {
      out,
      signal: ac.signal,
      onProgress: (p) => {
        seen.push(p)
        ac.abort()
      },
    })
    await expect(run).rejects.toThrow(/import cancelled/)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen[0]!.bytesTotal).toBe(578568) // the file's size on disk
    expect(existsSync(out)).toBe(false)
  })

  it('refuses to overwrite an existing session unless asked', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'radar-ow-')), 'f.radar')
    const file =
      SHARED_DATA + '/funding-history/BTC-USDT/BTC-USDT_gate_2020-01-01_2024-01-01_funding_history.csv'
    const opts = { out, sourceVenue: 'gate', tzOffsetHours: 0, venue: 'okx' as const }
    await importSession('funding-csv', [file], opts)
    await expect(importSession('funding-csv', [file], opts)).rejects.toThrow(/EEXIST/)
    await expect(importSession('funding-csv', [file], { ...opts, overwrite: true })).resolves.toBeTruthy()
  })
})

describe('listSessions', () => {
  it('lists the bundled samples with their labels, newest first', () => {
    const list = listSessions(resolve(__dirname, '../../../../resources/samples'))
    expect(list.map((s) => s.metadata?.label)).toEqual([
      'Recorded sample — Binance BTC & ETH, 2024-08-08 23:54–24:00',
      'Binance futures metrics — week of 2024-05-09 (BTC, ETH, OP)',
      'Recorded sample — Binance, 2023-04-05',
    ])
    expect(
      list.every((s) => !s.cutShort && s.notes.length === 0 && s.metadata?.source.kind === 'sample'),
    ).toBe(true)
  })

  it('a missing folder lists nothing', () => {
    expect(listSessions('/nonexistent/folder')).toEqual([])
  })
})
