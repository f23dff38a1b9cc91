import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
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

  it('makes safe, time-stamped file names for new sessions', () => {
    const lib = new SessionLibrary(samples, '/tmp/x-sessions')
    expect(lib.newSessionPath('../../evil name', Date.UTC(2026, 10, 21, 9, 8, 7))).toBe(
      '/tmp/x-sessions/evil-name-2026-11-21T09-08-07.radar',
    )
  })
})
