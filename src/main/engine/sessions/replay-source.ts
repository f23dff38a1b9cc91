import type { MarketEvent, VenueId } from '../../../shared/market-event'
import type { DataSource, EventSink, VenueStatus } from '../data-source'
import { DEFAULT_BATCH_MS, SessionBatcher } from './session-batcher'
import { SessionReader } from './session-reader'
import type { FeedHandle, FeedRequest } from '../scoring/scoring-host'

import type { ReplayPosition as SharedReplayPosition, ReplaySpeed } from '../../../shared/contract/sessions'

export type { ReplaySpeed }
export const REPLAY_SPEEDS: readonly ReplaySpeed[] = [1, 10, 100, 'max']

export type ReplayState = SharedReplayPosition['state']

/** What the UI shows (the contract's position less the file path): the session's own clock, never wall time. */
export type ReplayPosition = Omit<SharedReplayPosition, 'path'>

export interface ReplayOptions {
  speed?: ReplaySpeed
  /** Start playing on `start()` (default) or wait paused for play/step. */
  autoPlay?: boolean
  batchMs?: number
  kind?: 'replay' | 'sample'
  label?: string
  /**
   * Resolves once the consumer has processed every batch sent so far. At max speed the replay waits on it
   * between slices (so a slower scorer is never buried under a growing queue), and the replay reports
   * `ended` only after it, so the final scores cover the whole session.
   */
  settled?: () => Promise<void>
  /**
   * At max speed, hands the reading to the scorer: it reads the session file itself from where the clock
   * is, in the same batches, and reports progress, so no event is copied from this thread to it. Absent
   * (the CLI, tests of the clock alone), the clock sends every batch itself at every speed.
   */
  feed?: (req: FeedRequest, onProgress: (p: { sessionTsMs: number; events: number }) => void) => FeedHandle
}

/**
 * Longest stretch of synchronous work at max speed before yielding, so pause/seek stay responsive. Each
 * slice also waits for the scorer to finish the one before: 50 ms keeps that wait rare enough to cost
 * little (20 ms measured about 15 % slower in `npm run bench`), and a pause still lands within 50 ms.
 */
const MAX_SLICE_MS = 50

/**
 * Replays a session file as a DataSource. Events go out in session-time batches (see SessionBatcher), so
 * the batches are identical at every speed; speed only changes how long the clock waits between them.
 */
export class ReplaySource implements DataSource {
  readonly kind: 'replay' | 'sample'
  readonly label: string
  private readonly reader: SessionReader
  private batcher: SessionBatcher
  private sink: EventSink | null = null
  private listeners = new Set<(p: ReplayPosition) => void>()
  private pos: ReplayPosition
  /** Incremented whenever the running loop must stop (pause, seek, speed change, stop). */
  private generation = 0
  private venues: VenueId[]
  private batchMs: number
  /** Session time the next batch starts at (null: the session's start): where a feed picks up. */
  private nextFromTsMs: number | null = null
  /** Bumped by every seek, so a feed ending later does not move the clock of the new timeline. */
  private timeline = 0
  /** The scorer's feed while it reads, and the promise that resolves once the clock has taken over again. */
  private feeding: { handle: FeedHandle; over: Promise<void> } | null = null
  /** A feed that ended without reaching the end or being stopped: this play goes on from this thread. */
  private feedFailed = false
  /** Steps asked for while a feed was stopping, run in order once the clock has taken over. */
  private pendingSteps = 0

  constructor(
    readonly path: string,
    private readonly opts: ReplayOptions = {},
  ) {
    this.reader = SessionReader.open(path)
    this.kind = opts.kind ?? (this.reader.metadata.source.kind === 'sample' ? 'sample' : 'replay')
    this.label = opts.label ?? this.reader.metadata.label
    this.batchMs = opts.batchMs ?? DEFAULT_BATCH_MS
    this.batcher = new SessionBatcher({ chunks: this.reader.batches() }, this.batchMs)
    this.venues = [...this.reader.metadata.venues]
    const span = this.reader.span
    this.pos = {
      state: 'idle',
      speed: opts.speed ?? 1,
      sessionTsMs: span.startTsMs,
      startTsMs: span.startTsMs,
      endTsMs: span.endTsMs,
      eventsEmitted: 0,
      seekCount: 0,
    }
  }

  /** Cut-short and damage notes of the underlying file, for the UI. */
  notes(): string[] {
    return this.reader.notes()
  }

  get metadata() {
    return this.reader.metadata
  }

  async start(sink: EventSink): Promise<void> {
    this.sink = sink
    if (this.opts.autoPlay ?? true) this.play()
    else this.update({ state: 'paused' })
  }

  async stop(): Promise<void> {
    this.generation++
    // A feed ending after this must not move a closed source's clock.
    this.timeline++
    this.feeding?.handle.stop()
    this.sink = null
    this.update({ state: 'idle' })
    this.reader.close()
  }

  play(): void {
    if (!this.sink || this.pos.state === 'playing' || this.pos.state === 'ended') return
    this.feedFailed = false
    this.update({ state: 'playing' })
    void this.loop(++this.generation)
  }

  pause(): void {
    if (this.pos.state !== 'playing') return
    this.generation++
    this.feeding?.handle.stop()
    this.update({ state: 'paused' })
  }

  /** Emits exactly one batch (pausing first if playing). */
  step(): void {
    if (!this.sink) return
    if (this.pos.state === 'playing') this.pause()
    if (this.pos.state === 'ended') return
    // A feed that is stopping: the step runs once the clock knows where it stopped, before any play.
    if (this.feeding) return void this.pendingSteps++
    if (!this.emitNext()) this.update({ state: 'ended' })
  }

  setSpeed(speed: ReplaySpeed): void {
    if (!REPLAY_SPEEDS.includes(speed))
      throw new Error(`replay speed must be one of ${REPLAY_SPEEDS.join(', ')}`)
    const wasPlaying = this.pos.state === 'playing'
    if (wasPlaying) this.generation++
    this.feeding?.handle.stop()
    this.update({ speed })
    if (wasPlaying) void this.loop(++this.generation)
  }

  /** Moves the clock to `tsMs` (clamped to the session); the next batch starts there. */
  seek(tsMs: number): void {
    const { startTsMs, endTsMs } = this.pos
    if (startTsMs === null || endTsMs === null) return
    const t = Math.min(Math.max(tsMs, startTsMs), endTsMs)
    const wasPlaying = this.pos.state === 'playing'
    this.generation++
    this.timeline++
    this.pendingSteps = 0
    this.feeding?.handle.stop()
    this.batcher = new SessionBatcher({ chunks: this.reader.batches(t) }, this.batchMs)
    this.nextFromTsMs = t
    this.update({
      sessionTsMs: t,
      seekCount: this.pos.seekCount + 1,
      state: this.pos.state === 'ended' ? 'paused' : this.pos.state,
    })
    if (wasPlaying) void this.loop(++this.generation)
  }

  position(): ReplayPosition {
    return { ...this.pos }
  }

  onChange(cb: (p: ReplayPosition) => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  venueStatuses(): VenueStatus[] {
    const state = this.pos.state === 'playing' ? 'connected' : 'idle'
    return this.venues.map((venue) => ({
      venue,
      state,
      lastEventAgeMs: {},
      counts: { events: this.pos.eventsEmitted, gaps: 0, droppedFrames: 0, reconnects: 0 },
      message: this.pos.state === 'ended' ? 'replay reached the end of the session' : null,
    }))
  }

  private emitNext(): boolean {
    const b = this.batcher.next()
    if (!b || !this.sink) return false
    const events: MarketEvent[] = b.events
    this.nextFromTsMs = b.bucketEndTsMs
    this.update(
      { sessionTsMs: b.bucketEndTsMs, eventsEmitted: this.pos.eventsEmitted + events.length },
      false,
    )
    this.sink(events)
    this.emitChange()
    return true
  }

  private async loop(gen: number): Promise<void> {
    // Never run batches inside play()/seek() itself: callers get control back first.
    await new Promise((r) => setImmediate(r))
    // A feed still stopping: go on from where it stopped.
    if (this.feeding) await this.feeding.over
    if (gen !== this.generation) return
    if (this.pos.speed === 'max' && this.opts.feed && !this.feedFailed) return this.feedLoop(gen)
    // Wall/session anchors: the clock maps session time to wall time from where play (re)started.
    const wallAnchor = performance.now()
    const sessionAnchor = this.pos.sessionTsMs ?? 0
    let sliceStart = performance.now()
    // One slice may be in flight while the next is read, so reading and scoring overlap.
    let previousSlice: Promise<void> = Promise.resolve()
    while (gen === this.generation) {
      if (!this.emitNext()) {
        await this.settled()
        if (gen === this.generation) this.update({ state: 'ended' })
        return
      }
      const speed = this.pos.speed
      if (speed === 'max') {
        if (performance.now() - sliceStart > MAX_SLICE_MS) {
          await previousSlice
          previousSlice = this.settled()
          await new Promise((r) => setImmediate(r))
          sliceStart = performance.now()
        }
        continue
      }
      const dueWall = wallAnchor + ((this.pos.sessionTsMs ?? sessionAnchor) - sessionAnchor) / speed
      const wait = dueWall - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    }
  }

  /** Max speed with the scorer reading the file: this thread only follows its progress. */
  private async feedLoop(gen: number): Promise<void> {
    const timeline = this.timeline
    const baseEvents = this.pos.eventsEmitted
    const handle = this.opts.feed!(
      { path: this.path, fromTsMs: this.nextFromTsMs, batchMs: this.batchMs },
      (p) => {
        if (timeline === this.timeline)
          this.update({ sessionTsMs: p.sessionTsMs, eventsEmitted: baseEvents + p.events })
      },
    )
    let over!: () => void
    this.feeding = { handle, over: new Promise<void>((r) => (over = r)) }
    const end = await handle.done
    this.feeding = null
    if (timeline === this.timeline && end.sessionTsMs !== null) {
      // The clock takes over where the scorer stopped: the same events, the same batches from there.
      this.nextFromTsMs = end.sessionTsMs
      this.batcher = new SessionBatcher({ chunks: this.reader.batches(end.sessionTsMs) }, this.batchMs)
      this.update({ sessionTsMs: end.sessionTsMs, eventsEmitted: baseEvents + end.events })
    }
    for (; this.pendingSteps > 0; this.pendingSteps--) {
      if (!this.emitNext()) this.update({ state: 'ended' })
    }
    over()
    if (gen !== this.generation) return
    if (end.ended) {
      await this.settled()
      if (gen === this.generation) this.update({ state: 'ended' })
      return
    }
    // Neither the end nor a stop from here (the scorer gave up or was reset): go on from this thread.
    this.feedFailed = true
    void this.loop(gen)
  }

  /** A consumer that fails to answer (e.g. a restarting scorer) must not stall the replay. */
  private settled(): Promise<void> {
    return this.opts.settled ? this.opts.settled().catch(() => undefined) : Promise.resolve()
  }

  private update(patch: Partial<ReplayPosition>, notify = true): void {
    this.pos = { ...this.pos, ...patch }
    if (notify) this.emitChange()
  }

  private emitChange(): void {
    const snapshot = this.position()
    for (const cb of this.listeners) cb(snapshot)
  }
}
