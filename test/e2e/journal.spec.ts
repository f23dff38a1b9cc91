import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import type { JournalEntry } from '../../src/shared/contract/journal'
import type { ReplayPosition } from '../../src/shared/contract/sessions'
import type { MarketSnapshot } from '../../src/shared/scoring/snapshot'
import {
  BTC_PERP,
  SAMPLE_2023,
  SAMPLE_WEEK,
  clockMs,
  engineCall,
  gotoScreen,
  openSession,
  play,
  replayClock,
} from './workflow-helpers'

const NOTE = 'Funding estimate drifting up into the 08:00 print; basis negative. Waiting.'

test('a logged decision keeps its snapshot, survives a reload, filters, exports and reopens the session', async ({
  page,
  server,
}) => {
  await page.goto(server.url)
  const bar = await openSession(page, SAMPLE_2023)
  await play(bar, 'MAX')
  await expect(bar.getByTestId('replay-state')).toHaveText('ENDED', { timeout: 45_000 })
  const endClock = clockMs(await replayClock(page))

  await gotoScreen(page, 'Journal')
  const form = page.getByRole('form', { name: 'Log decision' })
  await form.getByLabel('Journal market').fill(BTC_PERP)
  await form.getByLabel('Decision').selectOption('no-trade')
  await form.getByLabel('Note').fill(NOTE)
  await form.getByRole('button', { name: 'Log decision' }).click()
  const entry = page.getByTestId('journal-entry')
  await expect(entry).toHaveCount(1)
  await expect(entry).toContainText('NO-TRADE')
  await expect(entry).toContainText(NOTE)
  await expect(entry).toContainText('SAMPLE')
  // A market this session does not hold is refused, in words that name the session's markets.
  await form.getByLabel('Journal market').fill('binanceusdm:DOGE/USDT:USDT')
  await form.getByRole('button', { name: 'Log decision' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'is not a market of' })).toContainText(BTC_PERP)
  await expect(entry).toHaveCount(1)

  // The engine stored the session clock and the market's snapshot at that moment.
  const [stored] = await engineCall<JournalEntry[]>(server, 'listJournal', {})
  expect(stored!.marketTsMs).toBe(endClock)
  expect(stored!.source.sessionPath).toContain('binance-btcusdt-2023-04-05.radar')
  // The last funding estimate `r` in usdm/btcusdt_20230405.dat.gz (from 00:06:00.008 on) is 0.00002846.
  expect(stored!.snapshot?.metrics['funding-rate']?.value).toBe(0.00002846)

  await page.reload()
  await gotoScreen(page, 'Journal')
  await expect(entry).toHaveCount(1)
  await entry.getByRole('button', { name: 'Show snapshot' }).click()
  const snap = entry.getByTestId('journal-snapshot')
  // By name, in the metric's unit: 0.00002846 per period = 0.0028 % (four decimals of a percent).
  await expect(snap.locator('.snap-metric[data-metric="funding-rate"]')).toContainText('Funding rate')
  await expect(snap.locator('.snap-metric[data-metric="funding-rate"]')).toContainText('0.0028 %')
  await page.screenshot({ path: 'test-results/screenshots/journal-sample.png' })

  const search = page.getByLabel('Search notes')
  await search.fill('drifting up')
  await expect(entry).toHaveCount(1)
  await search.fill('nothing like this was written')
  await expect(entry).toHaveCount(0)
  await expect(page.getByText('No entry matches these filters.')).toBeVisible()
  await search.fill('')
  await page.getByLabel('Filter by market').selectOption(BTC_PERP)
  await expect(entry).toHaveCount(1)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/\.csv$/)
  const csv = readFileSync((await download.path())!, 'utf8')
  expect(csv).toContain(BTC_PERP)
  expect(csv).toContain('drifting up into the 08:00 print')

  // Move the replay away, then reopen at the entry's time: the session clock returns there.
  await bar.getByRole('slider', { name: 'Seek' }).fill(String(endClock - 300_000))
  await expect
    .poll(async () => (await engineCall<ReplayPosition>(server, 'getReplayPosition')).sessionTsMs ?? 0)
    .toBeLessThan(endClock - 200_000)
  await entry.getByRole('button', { name: 'Reopen at this time' }).click()
  // The entry's time is the end of the session (the engine clamps to the last event).
  await expect.poll(async () => clockMs(await replayClock(page))).toBeGreaterThanOrEqual(endClock - 1000)
  await expect(page.getByRole('tab', { name: 'Market' })).toHaveAttribute('aria-selected', 'true')
})

test('an entry on the week sample carries open interest, long/short and its regime labels', async ({
  page,
  server,
}) => {
  const ETH = 'binanceusdm:ETH/USDT:USDT'
  await page.goto(server.url)
  const bar = await openSession(page, SAMPLE_WEEK)
  await play(bar, 'MAX')
  await expect(bar.getByTestId('replay-state')).toHaveText('ENDED', { timeout: 45_000 })
  // ETHUSDT.csv, last bar (1715888100000 = 2024-05-16 19:35 UTC): globallongShortRatio 4.1653,
  // sumOpenInterestValue 2,325,139,246.86 USDT.
  await expect
    .poll(async () => {
      const snaps = await engineCall<MarketSnapshot[]>(server, 'getSnapshots')
      return snaps.find((s) => s.key === ETH)?.metrics['ls-global']?.value ?? null
    })
    .toBe(4.1653)

  await gotoScreen(page, 'Journal')
  const form = page.getByRole('form', { name: 'Log decision' })
  await form.getByLabel('Journal market').fill(ETH)
  await form.getByLabel('Decision').selectOption('short')
  await form.getByLabel('Note').fill('Global accounts 4:1 long into flat price; fade only on an OI flush.')
  await form.getByRole('button', { name: 'Log decision' }).click()
  const entry = page.getByTestId('journal-entry')
  await expect(entry).toHaveCount(1)
  await entry.getByRole('button', { name: 'Show snapshot' }).click()
  const snap = entry.getByTestId('journal-snapshot')
  // 4.1653 is beyond the 1.5 long-extreme edge of the methodology (longShortExtreme).
  // Labels by name, never by id: ls-extreme reads "Long/short extreme", its value in words.
  await expect(snap.locator('[data-label="ls-extreme"]')).toHaveText('Long/short extreme long extreme')
  await expect(snap).not.toContainText('ls-extreme')
  await expect(snap.locator('.snap-metric[data-metric="ls-global"]')).toContainText('Long/short (accounts)')
  await expect(snap.locator('.snap-metric[data-metric="ls-global"]')).toContainText('4.165')
  // 2,325,139,246.86 USDT = $2.33 B
  await expect(snap.locator('.snap-metric[data-metric="oi-usd"]')).toContainText('$2.33 B')
  await page.screenshot({ path: 'test-results/screenshots/journal.png' })
  const [stored] = await engineCall<JournalEntry[]>(server, 'listJournal', { key: ETH })
  expect(stored!.snapshot?.metrics['oi-usd']?.value).toBeCloseTo(2_325_139_246.855, 2)
})
