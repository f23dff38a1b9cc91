import { describe, expect, it } from 'vitest'
import { statusWithBackfill } from '../../../shared/metric-warming-fixtures'
import type { BackfillTask } from '../../../shared/metric-warming-fixtures'
import { warmingBadgeText, warmingOf } from './warming-badge'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const P = 'binanceusdm BTC/USDT:USDT '

const status = (kind: 'live' | 'replay', backfill: BackfillTask[]) => statusWithBackfill(backfill, kind)

describe('warming badge', () => {
  it('counts the market’s own tasks and names the one loading', () => {
    const s = status('live', [
      { task: `${P}open interest history`, fraction: 1, done: true },
      { task: `${P}taker volume history`, fraction: 0.4, done: false },
      { task: `${P}5m candles`, fraction: 0, done: false },
      // Another market's task is not this row's.
      { task: 'binanceusdm ETH/USDT:USDT 5m candles', fraction: 0, done: false },
    ])
    expect(warmingBadgeText(warmingOf(s, KEY))).toBe('warming 1/3: taker volume history 40 %')
    // The radar row's short form: the count only (each metric cell names its own task).
    expect(warmingBadgeText(warmingOf(s, KEY), true)).toBe('warming 1/3')
  })

  it('says the history is partial when the venue refused a task, and nothing once all loaded', () => {
    const refused = status('live', [
      {
        task: `${P}open interest history`,
        fraction: 0,
        done: true,
        error: 'binanceusdm 500 Internal Server Error',
      },
      { task: `${P}5m candles`, fraction: 1, done: true },
    ])
    const w = warmingOf(refused, KEY)
    expect(warmingBadgeText(w)).toBe('history partial: 1 refused')
    expect(w?.refused).toEqual([{ name: 'OI history', error: 'binanceusdm 500 Internal Server Error' }])
    expect(
      warmingBadgeText(warmingOf(status('live', [{ task: `${P}5m candles`, fraction: 1, done: true }]), KEY)),
    ).toBeNull()
  })

  it('shows nothing outside live data', () => {
    expect(
      warmingOf(status('replay', [{ task: `${P}5m candles`, fraction: 0, done: false }]), KEY),
    ).toBeNull()
  })
})
