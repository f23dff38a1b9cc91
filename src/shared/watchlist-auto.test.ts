import { describe, expect, it } from 'vitest'
import type { AutoWatchlist, RankRow } from './watchlist-auto'
import { autoWatchlistKeys, rankVenue, rerankDue, resolveAutoWatchlist } from './watchlist-auto'
import { watchlistLabel } from './watchlist-status'
import { settingsSchema } from './settings'

const row = (venue: string, base: string, oiUsd: number | null, why?: string): RankRow => ({
  key: `${venue}:${base}/USDT:USDT`,
  venue,
  oiUsd,
  ...(why ? { missing: { oi: why } } : {}),
})
const key = (venue: string, base: string): string => `${venue}:${base}/USDT:USDT`
const B = 'binanceusdm'

describe('rankVenue', () => {
  it('takes the largest open interest first and leaves rows without OI out (missing is not small)', () => {
    const rows = [row(B, 'A', 100e6), row(B, 'B', 300e6), row(B, 'C', 200e6), row(B, 'D', null)]
    expect(rankVenue(rows, null, { perVenue: 2 })).toEqual([key(B, 'B'), key(B, 'C')])
    // Fewer perps with OI than slots: every one of them, never a row without OI.
    expect(rankVenue(rows, null, { perVenue: 5 })).toEqual([key(B, 'B'), key(B, 'C'), key(B, 'A')])
  })

  it('keeps a member until an outsider has 10 % more OI than the smallest member', () => {
    const prev = [key(B, 'B'), key(B, 'C')]
    // A (210) passes C (200) but by 5 %: nothing changes.
    const close = [row(B, 'A', 210e6), row(B, 'B', 300e6), row(B, 'C', 200e6)]
    expect(rankVenue(close, prev, { perVenue: 2, swapMargin: 0.1 })).toEqual(prev)
    // A at 221 leads C by 10.5 %: A replaces C.
    const clear = [row(B, 'A', 221e6), row(B, 'B', 300e6), row(B, 'C', 200e6)]
    expect(rankVenue(clear, prev, { perVenue: 2, swapMargin: 0.1 })).toEqual([key(B, 'B'), key(B, 'A')])
  })

  it('does not flap: two markets trading places within the margin refresh after refresh stay put', () => {
    let list: string[] | null = null
    const seen = new Set<string>()
    for (let i = 0; i < 10; i++) {
      const up = i % 2 === 0
      const rows = [row(B, 'X', 500e6), row(B, 'P', up ? 101e6 : 99e6), row(B, 'Q', up ? 99e6 : 101e6)]
      list = rankVenue(rows, list, { perVenue: 2 })
      seen.add(list.join(','))
    }
    expect([...seen]).toEqual([`${key(B, 'X')},${key(B, 'P')}`])
  })

  it('swaps several members at once when several outsiders lead by the margin', () => {
    const prev = [key(B, 'A'), key(B, 'B'), key(B, 'C')]
    const rows = [
      row(B, 'A', 100e6),
      row(B, 'B', 20e6),
      row(B, 'C', 10e6),
      row(B, 'D', 50e6),
      row(B, 'E', 40e6),
      row(B, 'F', 10.5e6),
    ]
    // D and E lead B (20) and C (10) by far; F (10.5) would lead C by only 5 % and C is gone by then.
    expect(rankVenue(rows, prev, { perVenue: 3 })).toEqual([key(B, 'A'), key(B, 'D'), key(B, 'E')])
  })

  it('keeps a member whose OI is missing this refresh, drops one no longer listed and fills its slot', () => {
    const prev = [key(B, 'A'), key(B, 'B'), key(B, 'GONE')]
    const rows = [row(B, 'A', 100e6), row(B, 'B', null), row(B, 'C', 30e6), row(B, 'D', 40e6)]
    // GONE is delisted: its slot goes to D (40), the largest outsider; B stays without OI, listed last.
    expect(rankVenue(rows, prev, { perVenue: 3 })).toEqual([key(B, 'A'), key(B, 'D'), key(B, 'B')])
  })
})

describe('resolveAutoWatchlist', () => {
  const venues = [
    { venue: B, error: null },
    { venue: 'bybit', error: null },
  ]

  it('ranks each venue on its own: a venue of small markets still gets its own top N', () => {
    const rows = [
      row(B, 'BTC', 9e9),
      row(B, 'ETH', 5e9),
      row(B, 'SOL', 1e9),
      row('bybit', 'BTC', 4e9),
      row('bybit', 'DOGE', 0.2e9),
      row('bybit', 'ETH', 2e9),
    ]
    const w = resolveAutoWatchlist([B, 'bybit'], { rows, venues }, null, 1000, { perVenue: 2 })
    expect(autoWatchlistKeys(w)).toEqual([
      key(B, 'BTC'),
      key(B, 'ETH'),
      key('bybit', 'BTC'),
      key('bybit', 'ETH'),
    ])
    expect(w.venues.map((v) => v.basis)).toEqual(['ranked', 'ranked'])
    expect(w.venues[0]?.note).toBe('top 2 by OI of 3 perps')
    expect(w.rankedAtMs).toBe(1000)
  })

  it('says how many perps the ranking rests on while the OI is partial (Binance fetches it in turns)', () => {
    const rows = [row(B, 'BTC', 9e9), row(B, 'ETH', null, 'fetched 40 symbols a refresh'), row(B, 'SOL', 1e9)]
    const w = resolveAutoWatchlist([B], { rows, venues }, null, 1000, { perVenue: 20 })
    expect(w.venues[0]?.note).toBe('top 20 by OI among the 2 of 3 perps whose OI is known so far')
    expect(w.venues[0]?.keys).toEqual([key(B, 'BTC'), key(B, 'SOL')])
  })

  it('falls back to the BTC and ETH perps of each venue until the universe answers, and says why', () => {
    const w = resolveAutoWatchlist([B, 'okx'], null, null, 1000)
    expect(autoWatchlistKeys(w)).toEqual([key(B, 'BTC'), key(B, 'ETH'), key('okx', 'BTC'), key('okx', 'ETH')])
    expect(w.venues[1]).toMatchObject({
      basis: 'fallback',
      note: 'BTC and ETH perps until the universe gives open interest (the universe has not answered yet)',
    })
    expect(w.rankedAtMs).toBeNull()
  })

  it('falls back per venue: a venue giving no OI or failing keeps the fallback while the other is ranked', () => {
    const rows = [
      row(B, 'BTC', 9e9),
      row('okx', 'BTC', null, 'the venue refused: 50011'),
      row('okx', 'ETH', null, 'the venue refused: 50011'),
    ]
    const states = [
      { venue: B, error: null },
      { venue: 'okx', error: null },
      { venue: 'bybit', error: 'refresh failed: HTTP 503' },
    ]
    const w = resolveAutoWatchlist([B, 'okx', 'bybit'], { rows, venues: states }, null, 1000)
    expect(w.venues.map((v) => [v.venue, v.basis, v.note])).toEqual([
      [B, 'ranked', 'top 20 by OI of 1 perps'],
      [
        'okx',
        'fallback',
        'BTC and ETH perps until the universe gives open interest (no perp has OI: the venue refused: 50011)',
      ],
      [
        'bybit',
        'fallback',
        'BTC and ETH perps until the universe gives open interest (refresh failed: HTTP 503)',
      ],
    ])
    // Asked again with no universe at hand (the status between refreshes): every venue's resolution stands.
    expect(resolveAutoWatchlist([B, 'okx', 'bybit'], null, w, 2000).venues).toEqual(w.venues)
  })

  it('keeps a venue’s last ranking when a later refresh has no OI for it', () => {
    const first = resolveAutoWatchlist([B], { rows: [row(B, 'SOL', 1e9)], venues }, null, 1000)
    const later = resolveAutoWatchlist([B], { rows: [row(B, 'SOL', null)], venues }, first, 400_000)
    expect(later.venues[0]).toEqual(first.venues[0])
    expect(later.rankedAtMs).toBe(1000)
  })

  it('re-ranks at once while any venue is on the fallback, then every 5 minutes', () => {
    expect(rerankDue(null, 0)).toBe(true)
    const fallback: AutoWatchlist = resolveAutoWatchlist([B], null, null, 0)
    expect(rerankDue(fallback, 1)).toBe(true)
    const ranked = resolveAutoWatchlist([B], { rows: [row(B, 'BTC', 1e9)], venues }, null, 10_000)
    expect(rerankDue(ranked, 10_000 + 299_999)).toBe(false)
    expect(rerankDue(ranked, 10_000 + 300_000)).toBe(true)
  })
})

describe('watchlist label and mode', () => {
  it('reads "top 20 by OI per venue (automatic)" or "my list (N)", naming venues still on the fallback', () => {
    const w = resolveAutoWatchlist([B], null, null, 0)
    expect(watchlistLabel({ mode: 'auto', keys: [], venues: [], perVenue: 20 })).toBe(
      'top 20 by OI per venue (automatic)',
    )
    expect(watchlistLabel({ mode: 'auto', keys: [], venues: w.venues, perVenue: 20 })).toBe(
      'top 20 by OI per venue (automatic): BTC and ETH on binanceusdm until the universe gives OI',
    )
    expect(watchlistLabel({ mode: 'mine', keys: ['a:X', 'b:Y', 'c:Z'], venues: [], perVenue: 20 })).toBe(
      'my list (3)',
    )
  })

  it('a new user gets the automatic list; an older file keeps a list it changed and drops the untouched default', () => {
    expect(settingsSchema.parse({}).watchlistMode).toBe('auto')
    const oldDefault = { watchlist: ['binanceusdm:ETH/USDT:USDT', 'binanceusdm:BTC/USDT:USDT'] }
    expect(settingsSchema.parse(oldDefault).watchlistMode).toBe('auto')
    const edited = { watchlist: ['binanceusdm:BTC/USDT:USDT', 'bybit:SOL/USDT:USDT'] }
    expect(settingsSchema.parse(edited)).toMatchObject({ watchlistMode: 'mine', watchlist: edited.watchlist })
    expect(settingsSchema.parse({ ...edited, watchlistMode: 'auto' }).watchlistMode).toBe('auto')
    expect(settingsSchema.safeParse({ watchlistMode: 'top' }).success).toBe(false)
  })
})
