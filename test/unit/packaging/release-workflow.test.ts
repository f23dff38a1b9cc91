/**
 * The release workflow, read as GitHub Actions reads it: a tag builds on three runners, each runs the unit,
 * end-to-end and Electron suites before it builds, signing is driven by secrets and skipped with a notice,
 * and the release gets the installers and the feeds electron-updater reads.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..', '..', '..')
// js-yaml, as electron-updater itself uses it to read its feeds.
const requireFromUpdater = createRequire(
  createRequire(join(ROOT, 'package.json')).resolve('electron-updater'),
)
const yaml = requireFromUpdater('js-yaml') as { load: (text: string) => unknown }

interface Step {
  name?: string
  if?: string
  run?: string
  uses?: string
  with?: Record<string, string>
}
interface Workflow {
  on: { push: { tags: string[] } }
  jobs: {
    build: { strategy: { matrix: { os: string[] } }; steps: Step[] }
    release: { needs: string; steps: Step[] }
  }
}

const workflow = yaml.load(
  readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8'),
) as Workflow
const steps = workflow.jobs.build.steps
const runs = steps.map((s) => s.run ?? '').join('\n')

describe('release workflow', () => {
  it('runs on a version tag, on Linux, macOS and Windows runners', () => {
    expect(workflow.on.push.tags).toEqual(['v*'])
    expect(workflow.jobs.build.strategy.matrix.os).toEqual([
      'ubuntu-latest',
      'macos-latest',
      'windows-latest',
    ])
  })

  it('tests before it builds: unit, end-to-end, and the Electron suite where the binary exists', () => {
    const at = (text: string) => steps.findIndex((s) => (s.run ?? '').includes(text))
    const build = at('electron-builder --config electron-builder.yml')
    for (const suite of ['npx vitest run', '--project e2e', '--project electron', 'npm run typecheck']) {
      expect(at(suite), suite).toBeGreaterThan(-1)
      expect(at(suite), suite).toBeLessThan(build)
    }
    expect(runs).toContain('node node_modules/electron/install.js')
    expect(runs).toContain('--publish never')
  })

  it('signs and notarizes only with secrets, and says so when it skips', () => {
    const mac = steps.find((s) => s.name === 'Signing (macOS)')!
    const win = steps.find((s) => s.name === 'Signing (Windows)')!
    expect(mac.run).toMatch(/::notice::macOS signing skipped/)
    expect(mac.run).toMatch(/::notice::macOS notarization skipped/)
    expect(mac.run).toContain('-c.mac.notarize=true')
    expect(win.run).toMatch(/::notice::Windows signing skipped/)
    expect(`${mac.run}${win.run}`).toContain('CSC_IDENTITY_AUTO_DISCOVERY=false')
  })

  it('attaches every installer and the update feeds to the release', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact') && !s.if)!
    for (const pattern of ['*.AppImage', '*.deb', '*.dmg', '*.zip', '*.exe', 'latest*.yml'])
      expect(upload.with!.path).toContain(pattern)
    expect(workflow.jobs.release.needs).toBe('build')
    expect(workflow.jobs.release.steps.map((s) => s.run ?? '').join('\n')).toContain('gh release upload')
  })
})
