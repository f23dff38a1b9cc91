import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EvidenceReport } from '../../../shared/contract/evidence'
import { jumpSession, TS_EVIDENCE_WORKER } from '../../engine/evidence/test-jump-session'
import { parseArgs, UsageError } from '../args'
import { makeEvidenceCommand } from './evidence'

const cmd = makeEvidenceCommand(() => TS_EVIDENCE_WORKER)

function io() {
  const out: string[] = []
  const err: string[] = []
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), readStdin: async () => '' },
  }
}

const run = (argv: string[], sink = io()) => cmd.run(parseArgs(argv, new Set(cmd.flags)), sink.io)

describe('radar evidence', () => {
  it('refuses calls it cannot honour', async () => {
    await expect(run(['--json'])).rejects.toThrow(UsageError)
    await expect(run(['s.radar'])).rejects.toThrow(/--json or --html/)
    await expect(run(['s.radar', '--json', '--move', '5'])).rejects.toThrow(
      /--move: move "5" must be a percentage/,
    )
    await expect(run(['s.radar', '--json', '--horizon', '1 week'])).rejects.toThrow(
      /--horizon: horizon "1 week"/,
    )
  })

  it('writes JSON and a self-contained HTML report, with progress on stderr', async () => {
    const sink = io()
    const html = join(mkdtempSync(join(tmpdir(), 'radar-evidence-cli-')), 'e.html')
    const code = await run(
      [jumpSession(), '--horizon', '10m', '--move', '5%', '--json', '--html', html],
      sink,
    )
    expect(code).toBe(0)
    const report = JSON.parse(sink.out.join('')) as EvidenceReport
    expect(report.horizonsMs).toEqual([600_000])
    expect(report.moves).toEqual([0.05])
    expect(report.outcomes.map((o) => o.id)).toEqual(['move-5%-10m', 'drop-5%-10m', 'liq-p95-10m'])
    expect(sink.err.join('')).toMatch(/evidence: 100% done/)
    const page = readFileSync(html, 'utf8')
    expect(page).toMatch(/^<!doctype html>/)
    expect(page).toContain('Will price move more than 5% either way within 10m?')
    expect(page).not.toMatch(/<script|src="http|href="http/)
  })
})
