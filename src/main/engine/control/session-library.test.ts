import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { encodeFrame, ENCODING_DEFLATE_JSON, FrameType } from '../sessions/format'
import { findResourcesDir } from '../sizing/bundled-tiers'
import { DEFAULT_SAMPLE_FILE, SessionLibrary } from './session-library'

const samples = join(findResourcesDir(), 'samples')

describe('SessionLibrary', () => {
  it('lists the bundled samples as undeletable, labelled sample sessions', () => {
    const lib = new SessionLibrary(samples, mkdtempSync(join(tmpdir(), 'radar-lib-')))
    const list = lib.list()
    const first = list.find((s) => s.path.endsWith(DEFAULT_SAMPLE_FILE))
    expect(first).toMatchObject({
      kind: 'sample',
      deletable: false,
      label: 'Recorded sample — Binance, 2023-04-05',
    })
    expect(first?.markets).toEqual(expect.arrayContaining(['binanceusdm:BTC/USDT:USDT', 'binance:BTC/USDT']))
    expect(() => lib.delete(first!.path)).toThrow(/cannot be deleted/)
  })

  it('deletes only listed sessions of the user and refuses paths it does not list', () => {
    const own = mkdtempSync(join(tmpdir(), 'radar-lib-'))
    copyFileSync(join(samples, DEFAULT_SAMPLE_FILE), join(own, 'mine.radar'))
    const lib = new SessionLibrary(samples, own)
    expect(() => lib.resolveListed('/etc/passwd')).toThrow('no such session: /etc/passwd')
    lib.delete(join(own, 'mine.radar'))
    expect(readdirSync(own)).toEqual([])
  })

  it('a crafted last metadata frame never reaches the list: earlier values kept, the damage noted', () => {
    const own = mkdtempSync(join(tmpdir(), 'radar-lib-'))
    const path = join(own, 'crafted.radar')
    copyFileSync(join(samples, DEFAULT_SAMPLE_FILE), path)
    const hostile = { label: { html: '<b>' }, markets: 'x', source: null, eventCount: '12' }
    const meta = deflateRawSync(Buffer.from(JSON.stringify(hostile)))
    appendFileSync(path, encodeFrame(FrameType.meta, ENCODING_DEFLATE_JSON, meta, 0, NaN, NaN))
    writeFileSync(join(own, 'junk.radar'), 'this is not a session file at all')
    const list = new SessionLibrary(samples, own).list()
    const crafted = list.find((s) => s.path === path)!
    expect(crafted).toMatchObject({ label: 'Recorded sample — Binance, 2023-04-05', kind: 'sample' })
    expect(crafted.markets).toEqual(expect.arrayContaining(['binanceusdm:BTC/USDT:USDT']))
    expect(typeof crafted.eventCount).toBe('number')
    expect(
      crafted.notes.some((n) => /^Damaged metadata frame at byte \d+: label has the wrong type/.test(n)),
    ).toBe(true)
    const junk = list.find((s) => s.path.endsWith('junk.radar'))!
    expect(junk).toMatchObject({ label: 'Unreadable session', markets: [], eventCount: 0 })
    expect(junk.notes[0]).toMatch(/not a Leverage Radar session/)
  })

  it('makes safe, time-stamped file names for new sessions', () => {
    const lib = new SessionLibrary(samples, '/tmp/x-sessions')
    expect(lib.newSessionPath('../../evil name', Date.UTC(2026, 10, 21, 9, 8, 7))).toBe(
      '/tmp/x-sessions/evil-name-2026-11-21T09-08-07.radar',
    )
  })
})
