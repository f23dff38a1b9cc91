import type { FeedEnd, FromFeed, ToFeed } from './session-feed'

/** What the replay clock asks of a worker that reads the session itself (see session-feed.ts). */
export interface FeedRequest {
  path: string
  /** Session time the first batch starts at; null = the session's start. */
  fromTsMs: number | null
  batchMs: number
}

export interface FeedHandle {
  /** Resolves once the feed is over: the session's end, a stop, or the worker unable to go on. */
  readonly done: Promise<FeedEnd>
  /** Stops at the next batch boundary; `done` then says where. */
  stop(): void
}

export type FeedProgress = (p: { sessionTsMs: number; events: number }) => void

interface ActiveFeed {
  id: number
  req: FeedRequest
  /** Where a restarted worker resumes: the feed's start, or where it was at the last checkpoint. */
  resumeTsMs: number | null
  resumeEvents: number
  /** Events scored before the current worker run of this feed started (the worker counts from there). */
  runStartEvents: number
  /** Events of the current run already counted as sent. */
  counted: number
  /** Where the current run was at its last message (events counted from the run's start); null before. */
  last: { sessionTsMs: number; events: number } | null
  onProgress: FeedProgress
  finish: (end: FeedEnd) => void
}

/** What the tracker needs of the scoring host. */
export interface FeedHost {
  post(msg: ToFeed): void
  /** 'up': a worker takes messages; 'restarting': the next one will; 'failed': none will. */
  workerState(): 'up' | 'restarting' | 'failed'
  /** Fed events count as sent once the worker has scored them (it read them; nothing was posted). */
  countSent(events: number): void
  /** The worker could not read the session (the clock then goes on from where it stopped). */
  readFailed(error: string): void
}

/**
 * The scoring host's side of a feed (the worker reading a session itself): the one feed at a time, its
 * progress, where a restarted worker resumes it (the last checkpoint), and how it ends.
 */
export class FeedTracker {
  private feed: ActiveFeed | null = null
  private nextId = 1

  constructor(private readonly host: FeedHost) {}

  get active(): boolean {
    return this.feed !== null
  }

  start(req: FeedRequest, onProgress: FeedProgress): FeedHandle {
    this.detach()
    let finish!: (end: FeedEnd) => void
    const done = new Promise<FeedEnd>((r) => (finish = r))
    const feed: ActiveFeed = {
      id: this.nextId++,
      req,
      resumeTsMs: req.fromTsMs,
      resumeEvents: 0,
      runStartEvents: 0,
      counted: 0,
      last: null,
      onProgress,
      finish,
    }
    this.feed = feed
    const state = this.host.workerState()
    if (state === 'up') this.post(feed)
    else if (state === 'failed') this.end(feed, false)
    // Otherwise the worker is restarting: onSpawn() starts the feed.
    return {
      done,
      stop: () => {
        if (this.feed !== feed) return
        if (this.host.workerState() === 'up') this.host.post({ type: 'stopFeed', feedId: feed.id })
        else this.end(feed, false)
      },
    }
  }

  /** Another timeline (reset, seek, stop): the feed ends where it is; its later messages are ignored. */
  detach(): void {
    if (this.feed) this.end(this.feed, false)
  }

  onMessage(msg: FromFeed): void {
    const feed = this.feed
    if (!feed || msg.feedId !== feed.id) return
    this.host.countSent(msg.events - feed.counted)
    feed.counted = msg.events
    if (msg.type === 'feedProgress') {
      feed.last = { sessionTsMs: msg.sessionTsMs, events: msg.events }
      feed.onProgress({ sessionTsMs: msg.sessionTsMs, events: feed.runStartEvents + msg.events })
      return
    }
    if (msg.error) this.host.readFailed(msg.error)
    if (msg.sessionTsMs !== null) feed.last = { sessionTsMs: msg.sessionTsMs, events: msg.events }
    this.end(feed, msg.ended)
  }

  /** Checkpoints are taken between a feed's slices: this one is where its last progress was. */
  onCheckpoint(): void {
    const feed = this.feed
    if (!feed?.last) return
    feed.resumeTsMs = feed.last.sessionTsMs
    feed.resumeEvents = feed.runStartEvents + feed.last.events
  }

  /** The worker died: the next one resumes the feed from the last checkpoint, where the clock goes back to. */
  onRestart(): void {
    const feed = this.feed
    if (!feed) return
    feed.runStartEvents = feed.resumeEvents
    feed.counted = 0
    feed.last = null
    if (feed.resumeTsMs !== null) feed.onProgress({ sessionTsMs: feed.resumeTsMs, events: feed.resumeEvents })
  }

  /** A new worker is up, its state restored: it takes up the feed. */
  onSpawn(): void {
    if (this.feed) this.post(this.feed)
  }

  private post(feed: ActiveFeed): void {
    this.host.post({ type: 'feedSession', feedId: feed.id, ...feed.req, fromTsMs: feed.resumeTsMs })
  }

  /** Ends a feed where the scores are: its last progress, else where it (re)started. */
  private end(feed: ActiveFeed, ended: boolean): void {
    if (this.feed === feed) this.feed = null
    const at = feed.last
      ? { sessionTsMs: feed.last.sessionTsMs, events: feed.runStartEvents + feed.last.events }
      : { sessionTsMs: feed.resumeTsMs, events: feed.resumeEvents }
    feed.finish({ ...at, ended })
  }
}
