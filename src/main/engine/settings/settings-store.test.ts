import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openConfSettings } from './conf-settings'
import type { StoreBackend } from './settings-store'
import { createSettingsStore, openSettingsStore, quarantineDamagedSettings } from './settings-store'

const fresh = () => mkdtempSync(join(tmpdir(), 'radar-settings-'))

describe('settings store', () => {
  it('starts from defaults and persists an update in the JSON file', () => {
    const dir = fresh()
    const store = openConfSettings(dir)
    expect(store.view().warning).toBeNull()
    expect(store.get().referenceAsset).toBe('BTC')
    store.update({ referenceAsset: 'ETH', watchlist: ['bybit:SOL/USDT:USDT'] })
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>
    expect(onDisk.referenceAsset).toBe('ETH')
    expect(openConfSettings(dir).get().watchlist).toEqual(['bybit:SOL/USDT:USDT'])
  })

  it('rejects an update that breaks the schema and keeps the previous value', () => {
    const store = openConfSettings(fresh())
    expect(() => store.update({ referenceAsset: 'DOGE' as 'BTC' })).toThrow()
    expect(store.get().referenceAsset).toBe('BTC')
  })

  it('moves a file that is not JSON aside, keeps its bytes, and says where', () => {
    const dir = fresh()
    const path = join(dir, 'settings.json')
    writeFileSync(path, '{"theme": "dark",')
    const warning = quarantineDamagedSettings(path, Date.UTC(2026, 10, 21, 12, 0, 0))
    const backup = join(dir, 'settings.json.damaged-2026-11-21T12-00-00-000Z.bak')
    expect(warning).toContain('is not valid JSON')
    expect(warning).toContain(backup)
    expect(readFileSync(backup, 'utf8')).toBe('{"theme": "dark",')
    expect(readdirSync(dir)).toEqual(['settings.json.damaged-2026-11-21T12-00-00-000Z.bak'])
  })

  it('names the offending field of a schema mismatch, and leaves a good file alone', () => {
    const dir = fresh()
    const path = join(dir, 'settings.json')
    writeFileSync(path, JSON.stringify({ watchlist: 'BTC' }))
    expect(quarantineDamagedSettings(path)).toContain('field "watchlist" is invalid')
    writeFileSync(path, JSON.stringify({ theme: 'light' }))
    expect(quarantineDamagedSettings(path)).toBeNull()
    const store = openConfSettings(dir)
    expect(store.get().theme).toBe('light')
    expect(store.get().referenceAsset).toBe('BTC')
  })
})

describe('settings that cannot be written', () => {
  /** A store library whose every write fails as on a read-only file or folder (root ignores chmod). */
  function readOnlyBackend(path: string, store: Record<string, unknown>): StoreBackend {
    return {
      path,
      get store() {
        return store
      },
      set store(_next) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}.tmp'`), { code: 'EACCES' })
      },
      onDidAnyChange: () => () => {},
    }
  }

  it('runs on what the file holds, in memory, with a warning naming the file and the error', () => {
    const store = createSettingsStore(readOnlyBackend('/ro/settings.json', { theme: 'light' }), null)
    expect(store.get().theme).toBe('light')
    expect(store.get().referenceAsset).toBe('BTC')
    expect(store.view().warning).toBe(
      'The settings file /ro/settings.json cannot be written (EACCES). Settings are kept in memory until the app closes: changes will not be saved.',
    )
  })

  it('keeps updates in memory and tells listeners about them', () => {
    const store = createSettingsStore(readOnlyBackend('/ro/settings.json', {}), null)
    const seen: string[] = []
    store.onChange((v) => seen.push(v.settings.referenceAsset))
    expect(store.update({ referenceAsset: 'ETH' }).settings.referenceAsset).toBe('ETH')
    expect(store.get().referenceAsset).toBe('ETH')
    expect(seen).toEqual(['ETH'])
  })

  it('runs on defaults when the store cannot even be opened', () => {
    const store = openSettingsStore(
      '/ro/settings.json',
      () => {
        throw Object.assign(new Error('EACCES: permission denied, mkdir /ro'), { code: 'EACCES' })
      },
      null,
    )
    expect(store.get().referenceAsset).toBe('BTC')
    expect(store.view().warning).toContain('cannot be opened (EACCES)')
    expect(store.update({ theme: 'light' }).settings.theme).toBe('light')
  })

  it('never overwrites a damaged file it could not move aside', () => {
    const dir = fresh()
    const path = join(dir, 'settings.json')
    const damaged = '{"watchlist": "BTC", "note": "hand-edited"}'
    writeFileSync(path, damaged)
    // The backup name is taken by a folder that is not empty, so the move fails whoever runs the test.
    const nowMs = Date.UTC(2026, 10, 21, 12, 0, 0)
    const backup = join(dir, 'settings.json.damaged-2026-11-21T12-00-00-000Z.bak')
    mkdirSync(join(backup, 'taken'), { recursive: true })
    const warning = quarantineDamagedSettings(path, nowMs)
    expect(warning).toContain('could not be moved aside')
    const store = openSettingsStore(path, () => plainFileBackend(path), warning)
    store.update({ theme: 'light' })
    expect(store.get().theme).toBe('light')
    expect(readFileSync(path, 'utf8')).toBe(damaged)
    expect(store.view().warning).toBe(warning)
  })
})

/** The file's content as the store library would read it, writing back on every change. */
function plainFileBackend(path: string): StoreBackend {
  return {
    path,
    get store() {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    },
    set store(next) {
      writeFileSync(path, JSON.stringify(next))
    },
    onDidAnyChange: () => () => {},
  }
}
