import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCommand } from '../../../src/main/cli/commands/import'
import { runCli } from '../../../src/main/cli/run-cli'

const DATA = resolve(__dirname, '../../../../shared/data')

async function radar(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, [importCommand], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: async () => '',
  })
  return { code, stdout, stderr }
}

describe('radar import with several formats', () => {
  it('a + with no format after it is a usage error', async () => {
    const r = await radar('import', 'bars', 'a.csv', '+', '--out', 'x.radar')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('name a format (before and after every +)')
  })

  it('bars + funding-csv in one session, with a provenance note per input', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'radar-cli-mix-')), 'mix.radar')
    const r = await radar(
      'import',
      'bars',
      `${DATA}/btc-derivatives-2026/btc_liquidations_30m_2026-03-01_2026-05-28.csv`,
      '+',
      'funding-csv',
      `${DATA}/funding-history/BTC-USDT/BTC-USDT_gate_2020-01-01_2024-01-01_funding_history.csv`,
      '--venue',
      'gate',
      '--tz-offset',
      '0',
      '--radar-venue',
      'binanceusdm',
      '--out',
      out,
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('liquidationBar 4233')
    expect(r.stdout).toMatch(/note: Input 1 \(bars: btc_liquidations_30m_2026-03-01_2026-05-28\.csv\)/)
    expect(r.stdout).toMatch(/note: Input 2 \(funding-csv: BTC-USDT_gate_/)
  })
})
