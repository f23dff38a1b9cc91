/**
 * The installers' configuration, checked offline: electron-builder's own schema validation (the check its
 * build runs first), then what the app needs of it — targets, fuses, unpacked processes, bundled resources
 * where the engine looks for them, icons in the formats each platform reads, the CLI wrapper. The build
 * itself downloads Electron and runs in the release workflow.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUNDLED_TIERS_FILE } from '../../../src/main/engine/sizing/bundled-tiers'
import { DEFAULT_SAMPLE_FILE } from '../../../src/main/engine/control/session-library'
import { CLI_FLAG } from '../../../src/main/electron/cli-mode'

const ROOT = resolve(import.meta.dirname, '..', '..', '..')
const require = createRequire(join(ROOT, 'package.json'))
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (dir: string, path: string, extra: null) => Promise<Record<string, unknown>>
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

type Target = string | { target: string; arch?: string[] }
interface Config {
  appId: string
  productName: string
  extraResources: { from: string; to: string }[]
  asarUnpack: string[]
  electronFuses: Record<string, boolean>
  publish: { provider: string }
  linux: { target: Target[]; icon: string }
  mac: { target: Target[]; icon: string }
  win: { target: Target[]; icon: string }
}

const load = async (): Promise<Config> =>
  (await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null)) as unknown as Config

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) })
const names = (targets: Target[]) => targets.map((t) => (typeof t === 'string' ? t : t.target))

describe('electron-builder configuration', { timeout: 60_000 }, () => {
  it('passes electron-builder’s own schema validation, and an unknown key does not', async () => {
    const config = await load()
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(
      validateConfiguration({ ...config, asarUnpak: ['x'] }, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'asarUnpak'/)
  })

  it('builds AppImage + deb, dmg + zip for arm64 and x64, and NSIS, under the app’s id and name', async () => {
    const c = await load()
    expect(c.appId).toBe('app.leverage-radar.desktop')
    expect(c.productName).toBe('Leverage Radar')
    expect(names(c.linux.target)).toEqual(['AppImage', 'deb'])
    expect(names(c.win.target)).toEqual(['nsis'])
    expect(names(c.mac.target)).toEqual(['dmg', 'zip'])
    for (const t of c.mac.target) expect(typeof t === 'string' ? [] : t.arch).toEqual(['arm64', 'x64'])
    expect(c.publish.provider).toBe('github')
  })

  it('sets the fuses: no RunAsNode, encrypted cookies, ASAR integrity, app only from the ASAR', async () => {
    const fuses = (await load()).electronFuses
    expect(fuses.runAsNode).toBe(false)
    expect(fuses.enableCookieEncryption).toBe(true)
    expect(fuses.enableEmbeddedAsarIntegrityValidation).toBe(true)
    expect(fuses.onlyLoadAppFromAsar).toBe(true)
    expect(fuses.enableNodeOptionsEnvironmentVariable).toBe(false)
    expect(fuses.enableNodeCliInspectArguments).toBe(false)
  })

  it('ships the samples and tiers where the engine looks for them under process.resourcesPath', async () => {
    const c = await load()
    const byTo = new Map(c.extraResources.map((r) => [r.to, r.from]))
    // findResourcesDir(RADAR_RESOURCES_DIR = resourcesPath) reads <dir>/leverage-tiers/... and <dir>/samples/...
    const [tiersDir, tiersFile] = BUNDLED_TIERS_FILE.split(/[\\/]/) as [string, string]
    expect(existsSync(join(ROOT, byTo.get(tiersDir)!, tiersFile))).toBe(true)
    expect(existsSync(join(ROOT, byTo.get('samples')!, DEFAULT_SAMPLE_FILE))).toBe(true)
    expect(c.asarUnpack).toContain('out/main/engine-process.js')
    expect(c.asarUnpack).toContain('out/main/chunks/*worker*.js')
  })

  it('ships a radar wrapper that runs the CLI through the app binary (RunAsNode stays off)', async () => {
    const c = await load()
    const binFrom = c.extraResources.find((r) => r.to === 'bin')!.from
    const sh = join(ROOT, binFrom, 'radar')
    accessSync(sh, constants.X_OK)
    expect(readFileSync(sh, 'utf8')).toContain(`${CLI_FLAG} "$@"`)
    expect(readFileSync(join(ROOT, binFrom, 'radar.cmd'), 'utf8')).toContain(
      `leverage-radar.exe" ${CLI_FLAG} %*`,
    )
  })

  it('has icons in each platform’s format, every image a PNG of the size its entry says', async () => {
    const c = await load()
    const png = readFileSync(join(ROOT, 'build', 'icon.png'))
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(pngSize(png)).toEqual({ width: 1024, height: 1024 })
    expect(existsSync(join(ROOT, c.linux.icon, '512x512.png'))).toBe(true)

    // ICO: reserved 0, type 1, count; entries of 16 bytes (width 0 = 256) pointing at PNG data.
    const ico = readFileSync(join(ROOT, c.win.icon))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
    const sizes: number[] = []
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const e = 6 + 16 * i
      const data = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8))
      expect(data.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      const side = ico.readUInt8(e) || 256
      expect(pngSize(data)).toEqual({ width: side, height: side })
      sizes.push(side)
    }
    expect(sizes).toContain(256)
    expect(sizes).toContain(16)

    // ICNS: 'icns' + big-endian total length, then (type, length incl. 8-byte head, PNG data) chunks.
    const icns = readFileSync(join(ROOT, c.mac.icon))
    expect(icns.toString('ascii', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const side: Record<string, number> = { icp4: 16, ic07: 128, ic09: 512, ic10: 1024, ic14: 512 }
    const seen = new Set<string>()
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const type = icns.toString('ascii', at, at + 4)
      const data = icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))
      expect(data.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      if (side[type]) expect(pngSize(data).width).toBe(side[type])
      seen.add(type)
    }
    expect([...seen]).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']))
  })
})
