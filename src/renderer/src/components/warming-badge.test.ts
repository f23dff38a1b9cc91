import { describe, expect, it } from 'vitest'
import type { EngineStatus } from '../../../shared/engine-status'
import { warmingOf, warmingText } from './warming-badge'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const P = 'binanceusdm BTC/USDT:USDT '

function status(
  kind: 'live' | 'replay',
  backfill: { task: string; fraction: number; done: boolean; error?: string }[],
) {
  return {
    source: { kind, label: '' },
    venues: [
      {
        venue: 'binanceusdm',
        state: 'connected',
        lastEventAgeMs: {},
        counts: { events: 0, gaps: 0, droppedFrames: 0, reconnects: 0 },
        message: null,
        backfill,
      },
    ],
  } as unknown as EngineStatus
}

describe('warming badge', () => {
  it('counts the market’s own tasks and names the one loading', () => {
    const s = status('live', [
      { task: `${P}open interest history`, fraction: 1, done: true },
      { task: `${P}taker volume history`, fraction: 0.4, done: false },
      { task: `${P}5m candles`, fraction: 0, done: false },
      // Another market's task is not this row's.
      { task: 'binanceusdm ETH/USDT:USDT 5m candles', fraction: 0, done: false },
    ])
    expect(warmingText(warmingOf(s, KEY))).toBe('warming 1/3: taker volume history 40 %')
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
    expect(warmingText(w)).toBe('history partial: 1 refused')
    expect(w?.refused).toEqual([{ name: 'OI history', error: 'binanceusdm 500 Internal Server Error' }])
    expect(
      warmingText(warmingOf(status('live', [{ task: `${P}5m candles`, fraction: 1, done: true }]), KEY)),
    ).toBeNull()
  })

  it('shows nothing outside live data', () => {
    expect(
      warmingOf(status('replay', [{ task: `${P}5m candles`, fraction: 0, done: false }]), KEY),
    ).toBeNull()
  })
})
