import { expect, test } from './fixtures'
import type { AlertFired } from '../../src/shared/contract/alerts'
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

// 2023-04-05T00:04:00Z. In the recorded perp stream (usdm/btcusdt_20230405.dat.gz) the funding estimate `r`
// of btcusdt@markPrice@1s steps 0.00002760 → 2813 → 2826 → 0.00002841 (first at E = 1680653040013, 00:04:00)
// → 0.00002850 → 0.00002846; it never falls back below 0.0000283.
const FIRST_ABOVE_MS = 1680653040013

test('a threshold rule fires once during replay, with a desktop notification and a log entry', async ({
  page,
  server,
}) => {
  // Record what the page hands the Notification API (headless Chromium shows nothing on screen).
  await page.addInitScript(() => {
    const shown: { title: string; body: string | undefined }[] = []
    ;(window as unknown as { __shown: typeof shown }).__shown = shown
    class RecordingNotification {
      static permission: NotificationPermission = 'default'
      static requestPermission(): Promise<NotificationPermission> {
        RecordingNotification.permission = 'granted'
        return Promise.resolve('granted')
      }
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body })
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification })
  })
  await page.goto(server.url)
  const bar = await openSession(page, SAMPLE_2023)
  await gotoScreen(page, 'Alerts')
  await expect(page.getByTestId('notify-state')).toContainText('off')
  await page.getByRole('button', { name: 'Enable desktop notifications' }).click()
  await expect(page.getByTestId('notify-state')).toContainText('on')

  const form = page.getByRole('form', { name: 'New alert rule' })
  await form.getByLabel('Market').selectOption(BTC_PERP)
  await form.getByLabel('Rule kind').selectOption('threshold')
  await form.getByLabel('Metric id').fill('funding-rate')
  await form.getByLabel('Direction').selectOption('above')
  // Typed in the metric's display unit: funding per period in percent (0.00284 % = 0.0000284).
  await expect(form.getByText('Value (%)')).toBeVisible()
  await form.getByLabel('Value').fill('0.00284')
  await form.getByLabel('Hysteresis').fill('0.0001')
  await form.getByRole('button', { name: 'Add rule' }).click()
  const rule = page.getByTestId('alert-rule')
  await expect(rule).toHaveCount(1)
  await expect(rule).toContainText('Funding rate above 0.00284 % (re-arms below 0.00274 %)')
  const saved = await engineCall<{ value?: number }[]>(server, 'listAlertRules')
  expect(saved[0]!.value).toBeCloseTo(0.0000284, 12)

  // A typo in the metric id is refused, not saved as a rule that can never fire.
  await form.getByLabel('Metric id').fill('funding_rate')
  await form.getByLabel('Value').fill('1')
  await expect(form.getByTestId('rule-problem')).toContainText('"funding_rate" is not a metric id')
  await expect(form.getByRole('button', { name: 'Add rule' })).toBeDisabled()

  // A second rule, disabled: it must never fire.
  await form.getByLabel('Metric id').fill('funding-rate')
  await form.getByLabel('Value').fill('0')
  await form.getByRole('button', { name: 'Add rule' }).click()
  await expect(rule).toHaveCount(2)
  await page.getByRole('checkbox', { name: 'Enable rule Funding rate above 0 %', exact: true }).click()
  await expect(
    page.getByRole('checkbox', { name: 'Enable rule Funding rate above 0 %', exact: true }),
  ).not.toBeChecked()

  // From 00:03:50 at 10x the crossing comes ~1 s later, and 0.00002841 holds for 6 s of wall time.
  await bar.getByRole('slider', { name: 'Seek' }).fill(String(FIRST_ABOVE_MS - 10_013))
  // The slider moves in whole seconds from the session start (…59.999), so the clock lands within 1 s.
  await expect.poll(async () => clockMs(await replayClock(page))).toBeGreaterThan(FIRST_ABOVE_MS - 11_100)
  expect(clockMs(await replayClock(page))).toBeLessThan(FIRST_ABOVE_MS - 9_000)
  await play(bar, '10x')
  const toast = page.getByTestId('alert-toast')
  await expect(toast).toContainText('Funding rate above 0.00284 %', { timeout: 30_000 })
  await expect(toast).toContainText('now 0.002841 %')
  const log = page.getByTestId('alert-log-row')
  await expect(log).toHaveCount(1)
  await expect(log).toContainText('2023-04-05 00:04:0')
  await page.screenshot({ path: 'test-results/screenshots/alerts.png' })

  await bar.getByRole('radio', { name: 'MAX' }).click()
  // Played to the end: 0.00002850 and 0.00002846 stay above the re-arm line, so nothing fires again.
  await expect(bar.getByTestId('replay-state')).toHaveText('ENDED', { timeout: 30_000 })
  await expect(log).toHaveCount(1)
  const fired = await engineCall<AlertFired[]>(server, 'getAlertLog')
  expect(fired).toHaveLength(1)
  expect(fired[0]!.key).toBe(BTC_PERP)
  expect(fired[0]!.marketTsMs).toBeGreaterThanOrEqual(FIRST_ABOVE_MS)
  expect(fired[0]!.marketTsMs).toBeLessThan(FIRST_ABOVE_MS + 2000)
  const shown = await page.evaluate(
    () => (window as unknown as { __shown: { title: string; body?: string }[] }).__shown,
  )
  expect(shown).toHaveLength(1)
  expect(shown[0]!.title).toContain(BTC_PERP)
  expect(shown[0]!.body).toContain('now 0.002841 %')

  // Rules live in the engine: a reload lists them; delete removes one.
  await page.reload()
  await gotoScreen(page, 'Alerts')
  await expect(rule).toHaveCount(2)
  await page.getByRole('button', { name: 'Delete rule Funding rate above 0 %', exact: true }).click()
  // The delete lands when the engine answers: wait for one row before reading it.
  await expect(rule).toHaveCount(1)
  await expect(rule).toContainText('Funding rate above 0.00284 %')
  // The hysteresis column reads in the same unit (0.000001 per period = 0.0001 %).
  await expect(rule).toContainText('0.0001 %')
})

test('a regime-shift rule on all markets fires as open interest turns in the week sample', async ({
  page,
  server,
}) => {
  await page.goto(server.url)
  const bar = await openSession(page, SAMPLE_WEEK)
  await gotoScreen(page, 'Alerts')
  const form = page.getByRole('form', { name: 'New alert rule' })
  await form.getByLabel('Market').selectOption('*')
  await form.getByLabel('Rule kind').selectOption('regimeShift')
  await form.getByLabel('Label id').fill('oi-regime')
  await form.getByRole('button', { name: 'Add rule' }).click()
  await expect(page.getByTestId('alert-rule')).toContainText('oi-regime changes')
  await play(bar, 'MAX')
  await expect(bar.getByTestId('replay-state')).toHaveText('ENDED', { timeout: 45_000 })
  await expect(page.getByTestId('alert-log-row').first()).toBeVisible()
  // A burst is one summary toast, never a pile: the log below keeps every alert.
  const toasts = page.getByTestId('alert-toast')
  await expect(toasts).toHaveCount(1)
  await expect(toasts).toContainText(/\d+ alerts on \d markets?/)
  await expect(toasts).toContainText('every one is in the alert log')
  await page.screenshot({ path: 'test-results/screenshots/alerts-regime.png' })

  const fired = await engineCall<AlertFired[]>(server, 'getAlertLog')
  const btc = fired
    .filter((a) => a.key === BTC_PERP)
    .sort((a, b) => (a.marketTsMs ?? 0) - (b.marketTsMs ?? 0))
  // BTCUSDT.csv, sumOpenInterestValue against 4 h earlier: +1.26 % at 2024-05-10 07:10, +2.29 % at 07:15,
  // +3.87 % at 07:20 (4,545,858,978 / 4,376,400,903 − 1): the first move past the 2 % Rising edge of the
  // methodology (oiRegimeThreshold) by its hysteresis margin (0.2 × the 4 % narrowest gap = 0.8 %), and it stays
  // past it; the label changes once Rising has held the 30 min dwell (labelDwellMs), so the first BTC shift is
  // Stable → Rising half an hour after that quarter hour.
  expect(btc[0]!.message).toContain('oi-regime Stable → Rising')
  expect(btc[0]!.marketTsMs).toBeGreaterThanOrEqual(Date.UTC(2024, 4, 10, 7, 45))
  expect(btc[0]!.marketTsMs).toBeLessThanOrEqual(Date.UTC(2024, 4, 10, 7, 55))
  // The log shows every alert the engine fired.
  await expect(page.getByTestId('alert-log-row')).toHaveCount(fired.length)
})
