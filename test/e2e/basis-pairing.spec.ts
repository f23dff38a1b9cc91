import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SessionSummary } from '../../src/shared/contract/sessions'
import { replayToEnd } from './engine-calls'
import { expect, test } from './fixtures'
import { BTC_PERP, engineCall, gotoScreen } from './workflow-helpers'

/** Tardis trades layout (tardis.dev "trades" dataset); timestamps in µs. */
const TRADES = 'exchange,symbol,timestamp,local_timestamp,id,side,price,amount'
const T0_US = 1680652800000000 // 2023-04-05 00:00:00 UTC
const at = (sec: number): number => T0_US + sec * 1_000_000

/** A Binance perp, Binance and Coinbase spot and Coinbase's USDT/USD, as Tardis trade files. */
function writeFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'radar-e2e-pairing-'))
  const files: [string, string[]][] = [
    [
      'binance-futures_trades_2023-04-05_BTCUSDT.csv',
      [
        `binance-futures,BTCUSDT,${at(0.5)},${at(0.51)},1,buy,28200.0,0.010`,
        `binance-futures,BTCUSDT,${at(30)},${at(30.01)},2,sell,28210.0,0.020`,
      ],
    ],
    [
      'coinbase_trades_2023-04-05_BTC-USD.csv',
      [
        `coinbase,BTC-USD,${at(0.1)},${at(0.12)},11,buy,28150.25,0.015`,
        `coinbase,BTC-USD,${at(20)},${at(20.02)},12,sell,28160.00,0.010`,
      ],
    ],
    ['coinbase_trades_2023-04-05_USDT-USD.csv', [`coinbase,USDT-USD,${at(0)},${at(0.02)},21,buy,1.0002,500`]],
    ['binance_trades_2023-04-05_BTCUSDT.csv', [`binance,BTCUSDT,${at(25)},${at(25.01)},41,buy,28190.0,0.5`]],
  ]
  return files.map(([name, rows]) => {
    const p = join(dir, name)
    writeFileSync(p, `${TRADES}\n${rows.join('\n')}\n`)
    return p
  })
}

test('a session imported with a Coinbase basis pairing replays with the Coinbase basis while the setting is auto', async ({
  page,
  server,
}) => {
  await page.goto(server.url)
  await gotoScreen(page, 'Sessions')
  await page.getByRole('button', { name: 'Import…' }).click()
  const form = page.getByRole('form', { name: 'Import' })
  await form.getByLabel('Format').selectOption('tardis')
  await form.getByLabel('Basis pairing').selectOption('coinbase')
  await form.getByLabel('Paths').fill(writeFiles().join('\n'))
  await form.getByLabel('Session name').fill('Coinbase-paired basis')
  await form.getByRole('button', { name: /^Import/ }).click()
  await expect(page.getByTestId('import-state')).toHaveText('DONE', { timeout: 30_000 })

  const sessions = await engineCall<SessionSummary[]>(server, 'listSessions')
  const session = sessions.find((s) => s.label === 'Coinbase-paired basis')!
  const snaps = await replayToEnd(server, session.path)
  const basis = snaps.find((s) => s.key === BTC_PERP)!.metrics['basis-bps']!
  // Without the pairing the perp pairs with Binance spot (7.09 bps). With it, at 00:00:30: perp 28,210.0 USDT
  // × 1.0002 USD/USDT = 28,215.642 USD against Coinbase's 28,160.00 USD: 19.7592 bps.
  expect(basis.value).toBeCloseTo(19.759233, 5)
  expect(basis.reason).toContain('against coinbase:BTC/USD')
  expect(basis.reason).toContain("chosen by the session's import option (the basis setting is auto)")
})
