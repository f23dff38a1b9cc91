import { describe, expect, it } from 'vitest'
import { VenueStatusTracker } from './venue-status'

describe('VenueStatusTracker', () => {
  it('reports history backfill progress per task until each is done', () => {
    const t = new VenueStatusTracker('binanceusdm')
    t.noteBackfill({ task: 'funding history', pages: 1, rows: 1000, fraction: 0.25, done: false })
    t.noteBackfill({ task: 'open interest history', pages: 2, rows: 400, fraction: 1, done: true })
    t.noteBackfill({ task: 'funding history', pages: 2, rows: 2000, fraction: 0.5, done: false })
    expect(t.snapshot(0, 0).backfill).toEqual([
      { task: 'funding history', fraction: 0.5, done: false },
      { task: 'open interest history', fraction: 1, done: true },
    ])
  })
})
