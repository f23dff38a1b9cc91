/**
 * Replay at max speed without a copy per event across threads: the scoring worker opens the session file
 * itself and scores its batches as it reads them, while the engine's replay clock only hears where it is.
 * The batches are the ones the replay clock would send (the same SessionBatcher over the same reader from
 * the same session time), so scores equal those of a replay fed from the main thread.
 */
import type { MarketEvent } from '../../../shared/market-event'
import { SessionBatcher } from '../sessions/session-batcher'
import { SessionReader } from '../sessions/session-reader'

/** Engine -> worker. */
export type ToFeed =
  /** Reads `path` from session time `fromTsMs` (null: the start) in `batchMs` batches, scoring each. */
  | { type: 'feedSession'; feedId: number; path: string; fromTsMs: number | null; batchMs: number }
  /** Stops the feed at the next batch boundary; answered by `feedEnded`. */
  | { type: 'stopFeed'; feedId: number }

/** Worker -> engine. `sessionTsMs` is where the next batch starts; `events` counts from the feed's start. */
export type FromFeed =
  | { type: 'feedProgress'; feedId: number; sessionTsMs: number; events: number }
  | {
      type: 'feedEnded'
      feedId: number
      sessionTsMs: number | null
      events: number
      /** The session's last event was scored (not stopped, not failed). */
      ended: boolean
      error: string | null
    }

/** Where a feed stopped, as the replay clock needs it to go on from there itself. */
export interface FeedEnd {
  /** Session time the next batch starts at (null: nothing was read, the feed's own start). */
  sessionTsMs: number | null
  events: number
  ended: boolean
}

/**
 * Longest stretch of scoring before the worker yields (to answer requests, beat, checkpoint and hear a
 * stop): the replay clock's own slice length, so pause lands as quickly as on the main-thread path.
 */
const SLICE_MS = 50

export interface FeedRunner {
  readonly feedId: number
  stop(): void
}

/**
 * Runs a feed in the worker: slices of batches pushed into `push`, a progress message after each slice,
 * `feedEnded` at the end, on stop, or when the file cannot be read.
 */
export function runFeed(
  req: Extract<ToFeed, { type: 'feedSession' }>,
  push: (events: MarketEvent[]) => void,
  afterSlice: () => void,
  send: (msg: FromFeed) => void,
): FeedRunner {
  let stopped = false
  let events = 0
  let sessionTsMs: number | null = req.fromTsMs
  let reader: SessionReader | null = null
  const finish = (ended: boolean, error: string | null): void => {
    reader?.close()
    reader = null
    send({ type: 'feedEnded', feedId: req.feedId, sessionTsMs, events, ended, error })
  }
  try {
    reader = SessionReader.open(req.path)
  } catch (err) {
    // Answered after the caller holds the runner, like every other end.
    setImmediate(() => finish(false, err instanceof Error ? err.message : String(err)))
    return { feedId: req.feedId, stop: () => {} }
  }
  const batcher = new SessionBatcher({ chunks: reader.batches(req.fromTsMs ?? -Infinity) }, req.batchMs)
  const slice = (): void => {
    if (stopped) return finish(false, null)
    const until = performance.now() + SLICE_MS
    // A scoring bug throws out of here as from any message: the worker crashes and the host restarts it,
    // resuming the feed from its last checkpoint.
    do {
      const b = batcher.next()
      if (!b) {
        afterSlice()
        return finish(true, null)
      }
      push(b.events)
      events += b.events.length
      sessionTsMs = b.bucketEndTsMs
    } while (performance.now() < until)
    afterSlice()
    send({ type: 'feedProgress', feedId: req.feedId, sessionTsMs, events })
    setImmediate(slice)
  }
  setImmediate(slice)
  return {
    feedId: req.feedId,
    stop: () => {
      stopped = true
    },
  }
}
