import { describe, expect, it } from 'vitest'
import { ImportTracker } from './import-tracker'
import type { ImportProgress } from '../../../shared/contract/sessions'

const ev = (jobId: string, state: ImportProgress['state'], message: string = state): ImportProgress => ({
  jobId,
  fraction: state === 'done' ? 1 : 0.5,
  message,
  state,
  sessionPath: state === 'done' ? `/s/${jobId}.radar` : null,
  notes: [],
})

describe('the import panel follows one job at a time', () => {
  it('shows a second and a third import, including one that ends before its id arrives', () => {
    const t = new ImportTracker()
    // First import: the id arrives before any progress.
    t.begin()
    expect(t.running(null)).toBe(true)
    expect(t.adopt('A')).toBeNull()
    expect(t.onEvent(ev('A', 'running'))?.state).toBe('running')
    const doneA = t.onEvent(ev('A', 'done'))
    expect(doneA?.state).toBe('done')
    expect(t.running(doneA)).toBe(false)

    // Second import, small: it runs to its end before startImport answers.
    t.begin()
    expect(t.onEvent(ev('B', 'running'))).toBeNull()
    expect(t.onEvent(ev('B', 'done'))).toBeNull()
    const seenB = t.adopt('B')
    expect(seenB).toMatchObject({ jobId: 'B', state: 'done', sessionPath: '/s/B.radar' })
    expect(t.running(seenB)).toBe(false)

    // Third import: a late event of B does not overwrite C, C's own events are shown.
    t.begin()
    const seenC = t.adopt('C')
    expect(seenC).toBeNull()
    expect(t.running(seenC)).toBe(true)
    expect(t.onEvent(ev('B', 'done', 'late'))).toBeNull()
    expect(t.onEvent(ev('C', 'failed', 'no events imported'))).toMatchObject({ jobId: 'C', state: 'failed' })
  })

  it('a refused start leaves nothing running', () => {
    const t = new ImportTracker()
    t.begin()
    t.abandon()
    expect(t.running(null)).toBe(false)
    expect(t.jobId).toBeNull()
  })
})
