import { expect, test } from './fixtures'
import type { MarketSnapshot } from '../../src/shared/scoring/snapshot'
import { BTC_PERP, SAMPLE_2023, engineCall, gotoScreen, openSession, play } from './workflow-helpers'

test('an opened session says it is paused and how to play; one event count is on screen', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  const bar = await openSession(page, SAMPLE_2023)
  await expect(bar.getByTestId('replay-state')).toHaveText('PAUSED')
  await expect(bar.getByTestId('replay-paused-hint')).toHaveText('press ▶ to play')
  // The status bar no longer keeps a second, disagreeing count of events.
  await expect(page.getByTestId('status-worker')).not.toContainText('events')
  await bar.getByRole('button', { name: 'Play' }).click()
  await expect(bar.getByTestId('replay-paused-hint')).toBeHidden()
  await expect(bar).toContainText(/[\d,]+ events/)
  expect(consoleErrors).toEqual([])
})

test('a seek while paused, and after the end, shows the radar at the target at once, without Play or Step', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  const bar = await openSession(page, SAMPLE_2023)
  await expect(bar.getByTestId('replay-state')).toHaveText('PAUSED')
  await gotoScreen(page, 'Radar')
  const btc = page.locator(`[data-testid="radar-row"][data-key="${BTC_PERP}"]`)
  // Paused at the start, seek to 00:03:00 UTC (1680652800000 = 2023-04-05 00:00:00): the rows are the
  // state at the target while the replay stays paused.
  const target = 1680652800000 + 180_000
  await bar.getByRole('slider', { name: 'Seek' }).fill(String(target))
  await expect(btc).toBeVisible({ timeout: 15_000 })
  await expect(bar.getByTestId('replay-state')).toHaveText('PAUSED')
  const snap = async () =>
    (await engineCall<MarketSnapshot[]>(server, 'getSnapshots')).find((s) => s.key === BTC_PERP)
  const atTarget = await snap()
  expect(atTarget?.asOfMs ?? Infinity).toBeLessThanOrEqual(target)
  expect(atTarget?.asOfMs ?? 0).toBeGreaterThan(target - 60_000)

  // Played to the end, then seek back to 00:01:00: rows again, at once, from the new target.
  await play(bar, 'MAX')
  await expect(bar.getByTestId('replay-state')).toHaveText('ENDED', { timeout: 60_000 })
  const back = 1680652800000 + 60_000
  await bar.getByRole('slider', { name: 'Seek' }).fill(String(back))
  await expect
    .poll(async () => (await snap())?.asOfMs ?? Infinity, { timeout: 15_000 })
    .toBeLessThanOrEqual(back)
  await expect(btc).toBeVisible()
  await expect(bar.getByTestId('replay-state')).not.toHaveText('PLAYING')
  expect(consoleErrors).toEqual([])
})
