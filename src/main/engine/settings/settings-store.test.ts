import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openConfSettings } from './conf-settings'
import { quarantineDamagedSettings } from './settings-store'

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
