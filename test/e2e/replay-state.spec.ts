import { expect, test } from './fixtures'
import { SAMPLE_2023, openSession } from './workflow-helpers'

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
