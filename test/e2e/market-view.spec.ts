import type { MarketSeries } from '../../src/shared/contract/series'
import type { HeatmapView } from '../../src/shared/contract/heatmap'
import { expect, test } from './fixtures'
import { AUG_PATH, expectLegendClose, openMarketView, replayToEnd, shoot } from './market-helpers'
import { BTC_PERP, engineCall } from './workflow-helpers'

test('a market view charts the sample’s bars, switches time frames, toggles heatmap layers and runs a scenario', async ({
  page,
  server,
  weekAtEnd,
  consoleErrors,
}) => {
  expect(weekAtEnd.length).toBeGreaterThan(0)
  const series = await engineCall<MarketSeries>(server, 'getSeries', { key: BTC_PERP })
  const heatmap = await engineCall<HeatmapView>(server, 'getHeatmap', { key: BTC_PERP, tiers: 'all' })
  await page.getByTestId('radar-row').filter({ hasText: 'BTC/USDT:USDT' }).dblclick()
  const view = page.getByTestId('market-view')
  await expect(view).toBeVisible()
  await expect(view.locator('canvas').first()).toBeVisible()
  // The recorded futures metrics are 5-minute bars (README): 1m is disabled, 5m is the finest frame.
  expect(series.resolutionSec).toBe(300)
  await expect(page.getByRole('button', { name: '1m', exact: true })).toBeDisabled()
  await expect(page.getByRole('button', { name: '5m', exact: true })).toHaveAttribute('aria-pressed', 'true')
  // The price legend shows the last 5-minute bar's close: README's BTC close range is 60,461–66,535.
  const last = series.bars[series.bars.length - 1]!
  expect(last.close).toBeGreaterThan(60_461 - 1)
  expect(last.close).toBeLessThan(66_535 + 1)
  await expectLegendClose(page, last.close)
  // It opens on the newest bars: the visible span reaches the last bar. (The open-interest pane starts a
  // day before the first bar, so a span counted in bars instead of time would end a day early.)
  const visibleTo = async () =>
    Number(await view.locator('[data-visible-to]').getAttribute('data-visible-to'))
  await expect.poll(visibleTo).toBeGreaterThanOrEqual(last.timeSec)

  await page.getByRole('button', { name: '1h', exact: true }).click()
  await expect(page.getByRole('button', { name: '1h', exact: true })).toHaveAttribute('aria-pressed', 'true')
  // The hourly close is the close of the last 5-minute bar in that hour: the same last close.
  await expectLegendClose(page, last.close)
  await page.getByRole('button', { name: '5m', exact: true }).click()

  // Heatmap layers and tier filter: controls work whether or not the engine has a map for this market.
  const longs = page.getByRole('checkbox', { name: 'Longs' })
  await longs.uncheck()
  await expect(longs).not.toBeChecked()
  await longs.check()
  await page.getByRole('checkbox', { name: 'Shorts' }).uncheck()
  await expect(page.getByRole('checkbox', { name: 'Shorts' })).not.toBeChecked()
  await page.getByLabel('Leverage tiers').selectOption('high')
  await expect(page.getByLabel('Leverage tiers')).toHaveValue('high')
  await page.getByRole('checkbox', { name: 'Shorts' }).check()

  // The week sample carries open interest and taker volume: the engine has a map, and the scenario table
  // shows the engine's own rows (USD liquidated along a -1 % path, longs side).
  expect(heatmap.unavailableReason).toBeNull()
  const panel = page.getByTestId('signal-panel')
  await expect(page.getByTestId('heatmap-legend')).toBeVisible()
  await expect(panel.getByTestId('scenario-table')).toBeVisible()
  const minus1 = heatmap.current!.scenarios.find((r) => r.movePct === -1)!
  expect(minus1.longsLiquidatedUsd).toBeGreaterThan(0)
  await panel.getByLabel('Scenario price move in percent').fill('-1')
  await panel.getByRole('button', { name: 'Run scenario' }).click()
  await expect(panel.getByTestId('scenario-result')).toContainText('longs liquidated')
  // Every sufficiency note is listed by the metric's name; a pane without data collapses and says so.
  await panel.getByTestId('sufficiency-notes').locator('summary').click()
  await expect(panel.getByTestId('sufficiency-notes')).toContainText('Funding APR')
  await expect(view.locator('.pane-legend[data-pane="funding"]')).toBeHidden()
  await expect(page.getByTestId('pane-picker').locator('[data-pane="funding"]')).toContainText('no data')
  await page.mouse.move(10, 890)
  await shoot(page, 'market-view')
  expect(consoleErrors).toEqual([])
})

test('the 2024-08-08 perp opens with 1-minute candles from its recorded trades', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  await replayToEnd(server, AUG_PATH)
  const series = await engineCall<MarketSeries>(server, 'getSeries', { key: BTC_PERP })
  await page
    .getByTestId('radar-row')
    .filter({ hasText: 'BTC/USDT:USDT' })
    .filter({ hasText: 'binanceusdm' })
    .click()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('market-view')).toBeVisible()
  await expect(page.getByRole('button', { name: '1m', exact: true })).toHaveAttribute('aria-pressed', 'true')
  // README: the 2024-08-08 perp file spans 23:54 → 23:59:59 UTC, so at most 6 one-minute bars.
  expect(series.bars.length).toBeGreaterThan(0)
  expect(series.bars.length).toBeLessThanOrEqual(7)
  // These recordings hold trades and books but no open interest: no map, and the chart says why.
  await expect(page.getByTestId('heatmap-reason')).toContainText('needs open interest')
  await expect(page.getByTestId('scenario-unavailable')).toContainText('needs open interest')
  await page.mouse.move(10, 890)
  await shoot(page, 'market-view-trades')
  expect(consoleErrors).toEqual([])
})

test('an open market view redraws from the seek point when the replay seeks back', async ({
  page,
  server,
  weekAtEnd,
  consoleErrors,
}) => {
  // Played to its end, the week sample's BTC chart ends on 2024-05-16 (README: the span ends 19:35 UTC).
  expect(weekAtEnd.length).toBeGreaterThan(0)
  await openMarketView(page, 'BTC/USDT:USDT')
  // Seek back to 2024-05-12 00:00 UTC (paused): scores and chart belong to the new timeline only.
  const target = Date.UTC(2024, 4, 12)
  await engineCall(server, 'replayControl', { action: 'seek', tsMs: target })
  await engineCall(server, 'replayControl', { action: 'speed', speed: 100 })
  await engineCall(server, 'replayControl', { action: 'play' })
  // Until its first bar after the seek the market's series is empty (not an error).
  const bars = async (): Promise<number> =>
    (await engineCall<MarketSeries>(server, 'getSeries', { key: BTC_PERP })).bars.length
  await expect.poll(bars, { timeout: 15_000 }).toBeGreaterThan(2)
  await engineCall(server, 'replayControl', { action: 'pause' })
  // The first seek of a session rebuilds the target's state by scoring the file from its start (there are no
  // checkpoints yet): on busy cores that outlasts the pause, so the pause lands while the rebuild runs and
  // nothing plays. Wait until the engine's series is the new timeline's (its last bar not after the clock)
  // and has stopped changing (two reads a second apart agree).
  let previous = ''
  await expect
    .poll(
      async () => {
        const { sessionTsMs } = await engineCall<{ sessionTsMs: number }>(server, 'getReplayPosition')
        const last = (await engineCall<MarketSeries>(server, 'getSeries', { key: BTC_PERP })).bars.at(-1)
        const now = `${sessionTsMs}|${last?.timeSec}|${last?.close}`
        const settled = last !== undefined && last.timeSec * 1000 <= sessionTsMs && now === previous
        previous = now
        return settled
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe(true)
  const series = await engineCall<MarketSeries>(server, 'getSeries', { key: BTC_PERP })
  // A seek gives the state of playing to that point: history up to the target may be there, but nothing
  // from the old timeline after the clock (the first play ended on 2024-05-16).
  const { sessionTsMs } = await engineCall<{ sessionTsMs: number }>(server, 'getReplayPosition')
  expect(sessionTsMs).toBeGreaterThanOrEqual(target)
  expect(series.bars[series.bars.length - 1]!.timeSec * 1000).toBeLessThanOrEqual(sessionTsMs)
  expect(series.bars[series.bars.length - 1]!.timeSec * 1000).toBeLessThan(Date.UTC(2024, 4, 16))
  await expectLegendClose(page, series.bars[series.bars.length - 1]!.close)
  expect(consoleErrors).toEqual([])
})
