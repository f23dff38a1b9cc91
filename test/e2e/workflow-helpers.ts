import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

export { engineCall } from './engine-calls'

export const SAMPLE_2023 = 'Recorded sample — Binance, 2023-04-05'
export const SAMPLE_WEEK = 'Binance futures metrics — week of 2024-05-09 (BTC, ETH, OP)'
export const BTC_PERP = 'binanceusdm:BTC/USDT:USDT'

export async function gotoScreen(page: Page, name: 'Radar' | 'Sessions' | 'Alerts' | 'Journal' | 'Settings') {
  await page.getByRole('tab', { name }).click()
}

/** Opens a listed session from the Sessions screen; answers the replay bar once it shows the session. */
export async function openSession(page: Page, label: string): Promise<Locator> {
  await gotoScreen(page, 'Sessions')
  await page.getByRole('button', { name: `Open ${label}` }).click()
  await expect(page.getByTestId('replay-label')).toHaveText(label)
  return page.getByTestId('replay-bar')
}

/** Picks a speed on the replay bar and presses Play. */
export async function play(bar: Locator, speed: '1x' | '10x' | '100x' | 'MAX'): Promise<void> {
  await bar.getByRole('radio', { name: speed }).click()
  await expect(bar.getByRole('radio', { name: speed })).toHaveAttribute('aria-checked', 'true')
  await bar.getByRole('button', { name: 'Play' }).click()
}

export async function replayClock(page: Page): Promise<string> {
  return (await page.getByTestId('replay-clock').textContent()) ?? ''
}

/** "2023-04-05 00:04:01.123 UTC" → epoch ms. */
export function clockMs(text: string): number {
  const m = /(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2}\.\d{3})/.exec(text)
  if (!m) throw new Error(`not a clock: ${text}`)
  return Date.parse(`${m[1]}T${m[2]}Z`)
}
