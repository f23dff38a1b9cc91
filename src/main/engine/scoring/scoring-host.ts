import { Worker } from 'node:worker_threads'
import type { WorkerOptions } from 'node:worker_threads'
import type { MarketEvent } from '../../../shared/market-event'
import type { FromWorker, ToWorker } from '../../../shared/worker-protocol'
import { WORKER_TIMING } from '../../../shared/worker-protocol'
import type { WorkerStatus } from '../../../shared/engine-status'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import type { Logger } from '../logging/logger'
import type { RegimeShift } from '../../../shared/scoring/regime-shift'
import type { MarketSeries, SeriesUpdate } from '../../../shared/contract/series'
import type { HeatmapView } from '../../../shared/contract/heatmap'
import type { AggregateMap } from '../../../shared/heatmap/aggregate-maps'
import type { ScoringConfig } from '../../../shared/scoring/config'
import type { HeatmapAssumptions } from '../../../shared/radar-core'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { DEFAULT_PIPELINE_CONFIG } from '../../../shared/scoring/scoring-pipeline'
import type { FromFeed, ToFeed } from './session-feed'
import type { FeedHandle, FeedProgress, FeedRequest } from './feed-tracker'
import { FeedTracker } from './feed-tracker'
import { keysOf } from './tier1-markets'

export type { FeedHandle, FeedRequest } from './feed-tracker'

type WorkerRequest =
  | { type: 'requestSeries'; key: string }
  | { type: 'requestHeatmap'; key: string; tiers: 'all' | 'high' | 'low' }
  | { type: 'requestCoinMap'; keys: string[]; referencePrice: number }
  | { type: 'sync' }

const REQUEST_TIMEOUT_MS = 10_000

export interface ScoringHostOptions {
  workerPath: string
  /** Passed to `new Worker` (tests use it to run the TypeScript source). */
  workerOptions?: WorkerOptions
  logger: Logger
  onSnapshots: (snapshots: MarketSnapshot[], all: boolean) => void
  onStatusChange: (status: WorkerStatus) => void
  onRestart: (reason: string) => void
  onRegimeShifts?: (shifts: RegimeShift[]) => void
  onSeriesUpdate?: (update: SeriesUpdate) => void
  timing?: Partial<typeof WORKER_TIMING>
  /** Events kept since the last checkpoint, to replay into a restarted worker. */
  maxReplayEvents?: number
  /** Quick failures tolerated: this many restarts within `failureWindowMs` and the host gives up. */
  maxQuickRestarts?: number
  failureWindowMs?: number
  /** First wait before a respawn; doubles with each quick failure. */
  restartBackoffMs?: number
}

const DEFAULT_MAX_QUICK_RESTARTS = 5
const DEFAULT_FAILURE_WINDOW_MS = 60_000
const DEFAULT_RESTART_BACKOFF_MS = 250
/**
 * A worker loads its code before it can beat: on two busy cores that took over a second, and a hang
 * timeout applied to start-up restarted healthy workers in a loop. Start-up gets this much.
 */
const STARTUP_GRACE_MS = 15_000

/**
 * Supervises the scoring worker: restarts it when it dies or stops sending heartbeats, and restores its
 * state from the last checkpoint plus the events sent since, so a crash loses no history.
 */
export class ScoringHost {
  private worker: Worker | null = null
  private stopping = false
  private lastHeartbeatMs: number | null = null
  /** The current worker has said 'ready' (before that, the start-up grace applies, not the hang timeout). */
  private workerReady = false
  private watchdog: NodeJS.Timeout | null = null
  private lastWatchdogMs: number | null = null
  private checkpoint: unknown = null
  private checkpointSeq = 0
  private sentSeq = 0
  /** Global sequence the current worker started from (what its restored checkpoint covers). */
  private workerBaseSeq = 0
  /**
   * Batches sent after the last checkpoint (the first event is checkpointSeq + 1), kept as the batches they
   * were: a restarted worker replays them with the same boundaries, so its scores equal an uninterrupted run.
   */
  private sinceCheckpoint: MarketEvent[][] = []
  private sinceCheckpointCount = 0
  /** Which of those batches are tier-1 figures, and every tier-1 market of this timeline. */
  private readonly tier1Batches = new WeakSet<MarketEvent[]>()
  private readonly tier1Keys = new Set<string>()
  /** Wall times of recent restarts, for backoff and giving up. */
  private restartTimes: number[] = []
  private respawnTimer: NodeJS.Timeout | null = null
  private replayOverflowed = false
  private readonly timing: typeof WORKER_TIMING
  private nextRequestId = 1
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private configuration: { config: Partial<ScoringConfig>; heatmap: HeatmapAssumptions } | null = null
  private watchedKey: string | null = null
  private readonly feeds = new FeedTracker({
    post: (msg) => this.post(msg),
    workerState: () => (this.worker ? 'up' : this.status.state === 'failed' ? 'failed' : 'restarting'),
    countSent: (events) => void (this.sentSeq += events),
    readFailed: (error) => this.opts.logger.warn('scoring worker could not read the session', { error }),
  })
  private readonly status: WorkerStatus = {
    state: 'starting',
    restarts: 0,
    lastHeartbeatAgeMs: null,
    lastRestartReason: null,
    lastRestartAtMs: null,
    eventsProcessed: 0,
  }

  constructor(private readonly opts: ScoringHostOptions) {
    this.timing = { ...WORKER_TIMING, ...opts.timing }
  }

  start(): void {
    this.stopping = false
    this.spawn()
    this.lastWatchdogMs = Date.now()
    this.watchdog = setInterval(() => this.checkHeartbeat(), this.watchdogMs())
  }

  async stop(): Promise<void> {
    this.feeds.detach()
    this.stopping = true
    if (this.respawnTimer) clearTimeout(this.respawnTimer)
    this.respawnTimer = null
    if (this.watchdog) clearInterval(this.watchdog)
    this.watchdog = null
    const w = this.worker
    this.worker = null
    if (w) await w.terminate()
  }

  getStatus(): WorkerStatus {
    return {
      ...this.status,
      lastHeartbeatAgeMs: this.lastHeartbeatMs === null ? null : Date.now() - this.lastHeartbeatMs,
    }
  }

  send(events: MarketEvent[]): void {
    this.sendBatch(events, false)
  }

  /**
   * Tier-1 figures (the universe's bulk tickers): the worker snapshots these markets only when such a batch
   * feeds them, and sends them slim. A restarted worker is told which markets they are.
   */
  sendTier1(events: MarketEvent[]): void {
    for (const key of keysOf(events)) this.tier1Keys.add(key)
    this.sendBatch(events, true)
  }

  private sendBatch(events: MarketEvent[], tier1: boolean): void {
    if (events.length === 0) return
    if (tier1) this.tier1Batches.add(events)
    // A streamed market is tier 2 from now on (the worker forgets its tier-1 state): a restarted worker must
    // not be told it is tier 1, or it would forget the streamed state again.
    else if (this.tier1Keys.size > 0) for (const key of keysOf(events)) this.tier1Keys.delete(key)
    this.sentSeq += events.length
    this.sinceCheckpoint.push(events)
    this.sinceCheckpointCount += events.length
    const cap = this.opts.maxReplayEvents ?? 500_000
    while (this.sinceCheckpointCount > cap && this.sinceCheckpoint.length > 1) {
      // Bounded memory beats complete restore: the oldest batches go, and a restart will say so.
      this.sinceCheckpointCount -= this.sinceCheckpoint.shift()!.length
      this.replayOverflowed = true
    }
    this.post({ type: 'events', events, ...(tier1 && { tier1 }) })
  }

  /**
   * Max-speed replay without a copy per event: the worker reads `req.path` itself and scores its batches;
   * `onProgress` hears where it is (session time of the next batch, events scored since `fromTsMs`). A
   * worker restart resumes the feed from its last checkpoint, so a crash loses no history here either.
   */
  feedSession(req: FeedRequest, onProgress: FeedProgress): FeedHandle {
    return this.feeds.start(req, onProgress)
  }

  requestSnapshots(): void {
    this.post({ type: 'requestSnapshots' })
  }

  reset(): void {
    // The worker stops a feed of the old timeline itself; its later messages are not this timeline's.
    this.feeds.detach()
    this.checkpoint = null
    this.dropHistory()
    this.post({ type: 'reset' })
    this.retryIfFailed()
  }

  /**
   * Replaces the worker's state with `checkpoint` (a ScoringPipeline checkpoint): a seek lands on the exact
   * state straight play reaches at its target, and the radar shows it at once.
   */
  restoreAt(checkpoint: unknown): void {
    this.feeds.detach()
    this.checkpoint = checkpoint
    this.dropHistory()
    this.post({ type: 'restore', checkpoint, announce: true })
    this.retryIfFailed()
  }

  private dropHistory(): void {
    this.tier1Keys.clear()
    this.sinceCheckpoint = []
    this.sinceCheckpointCount = 0
    this.checkpointSeq = this.sentSeq
    this.workerBaseSeq = this.sentSeq
    this.replayOverflowed = false
  }

  /** A new timeline (another source, a seek) is a fresh start for a worker the host had given up on. */
  private retryIfFailed(): void {
    if (this.status.state !== 'failed' || this.stopping) return
    this.restartTimes = []
    this.spawn()
  }

  /** The settings the worker scores with (what a seek must rebuild its state with). */
  pipelineConfig(): PipelineConfig {
    const c = this.configuration
    return c ? { scoring: c.config, heatmap: c.heatmap } : DEFAULT_PIPELINE_CONFIG
  }

  configure(config: Partial<ScoringConfig>, heatmap: HeatmapAssumptions): void {
    this.configuration = { config, heatmap }
    this.post({ type: 'configure', config, heatmap })
  }

  watchSeries(key: string | null): void {
    this.watchedKey = key
    this.post({ type: 'watchSeries', key })
  }

  getSeries(key: string): Promise<MarketSeries> {
    return this.request({ type: 'requestSeries', key }) as Promise<MarketSeries>
  }

  getHeatmap(key: string, tiers: 'all' | 'high' | 'low'): Promise<HeatmapView> {
    return this.request({ type: 'requestHeatmap', key, tiers }) as Promise<HeatmapView>
  }

  getCoinMap(keys: string[], referencePrice: number): Promise<AggregateMap> {
    return this.request({ type: 'requestCoinMap', keys, referencePrice }) as Promise<AggregateMap>
  }

  /**
   * Resolves once the worker has scored everything sent so far and its snapshots have reached
   * `onSnapshots` (worker messages arrive in order, so the flushed batch lands before the reply).
   */
  async settled(): Promise<void> {
    await this.request({ type: 'sync' })
  }

  private request(req: WorkerRequest): Promise<unknown> {
    if (!this.worker) return Promise.reject(new Error('the scoring worker is restarting; try again'))
    const requestId = this.nextRequestId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId)
        reject(new Error('the scoring worker did not answer in time'))
      }, REQUEST_TIMEOUT_MS)
      this.pending.set(requestId, {
        resolve: (v) => {
          clearTimeout(timer)
          resolve(v)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      })
      this.post({ ...req, requestId })
    })
  }

  simulateFault(fault: 'crash' | 'hang'): void {
    this.post({ type: 'simulateFault', fault })
  }

  private post(msg: ToWorker | ToFeed): void {
    this.worker?.postMessage(msg)
  }

  private spawn(): void {
    const worker = new Worker(this.opts.workerPath, this.opts.workerOptions)
    this.worker = worker
    this.lastHeartbeatMs = Date.now()
    this.workerReady = false
    this.workerBaseSeq = this.checkpointSeq
    worker.on('message', (msg: FromWorker | FromFeed) => this.onMessage(worker, msg))
    worker.on('error', (err) => {
      if (worker !== this.worker) return
      this.opts.logger.error('scoring worker error', { error: err.message })
      this.restart(`worker crashed: ${err.message}`)
    })
    worker.on('exit', (code) => {
      if (worker !== this.worker || this.stopping) return
      this.restart(`worker exited with code ${code}`)
    })
    if (this.configuration) this.post({ type: 'configure', ...this.configuration })
    if (this.checkpoint !== null) this.post({ type: 'restore', checkpoint: this.checkpoint })
    if (this.tier1Keys.size > 0) this.post({ type: 'tier1Markets', keys: [...this.tier1Keys] })
    for (const events of this.sinceCheckpoint)
      this.post({ type: 'events', events, ...(this.tier1Batches.has(events) && { tier1: true }) })
    if (this.watchedKey) this.post({ type: 'watchSeries', key: this.watchedKey })
    this.feeds.onSpawn()
  }

  private onMessage(worker: Worker, msg: FromWorker | FromFeed): void {
    if (worker !== this.worker) return
    switch (msg.type) {
      case 'feedProgress':
      case 'feedEnded':
        this.feeds.onMessage(msg)
        break
      case 'ready':
        this.workerReady = true
        this.lastHeartbeatMs = Date.now()
        this.setState('running')
        break
      case 'heartbeat':
        this.lastHeartbeatMs = Date.now()
        this.status.eventsProcessed = msg.eventsProcessed
        if (this.status.state !== 'running') this.setState('running')
        break
      case 'snapshots':
        this.opts.onSnapshots(msg.snapshots, msg.all)
        break
      case 'checkpoint': {
        // The worker counts the events it processed since it started from `workerBaseSeq`.
        const processedSeq = this.workerBaseSeq + msg.eventsProcessed
        // The buffer always ends at sentSeq; keep only what the checkpoint does not cover.
        // Checkpoints are taken between messages, so `keep` always falls on a batch boundary.
        const keep = Math.max(0, this.sentSeq - processedSeq)
        while (this.sinceCheckpointCount > keep && this.sinceCheckpoint.length > 0)
          this.sinceCheckpointCount -= this.sinceCheckpoint.shift()!.length
        if (this.sinceCheckpointCount === keep) this.replayOverflowed = false
        this.checkpoint = msg.checkpoint
        this.checkpointSeq = processedSeq
        this.feeds.onCheckpoint()
        break
      }
      case 'error':
        this.opts.logger.warn('scoring worker reported an error', { message: msg.message })
        break
      case 'regimeShifts':
        this.opts.onRegimeShifts?.(msg.shifts)
        break
      case 'seriesUpdate':
        this.opts.onSeriesUpdate?.(msg.update)
        break
      case 'reply': {
        const p = this.pending.get(msg.requestId)
        this.pending.delete(msg.requestId)
        if (!p) break
        if (msg.ok) p.resolve(msg.value)
        else p.reject(new Error(msg.error))
        break
      }
    }
  }

  private watchdogMs(): number {
    return Math.min(500, this.timing.heartbeatTimeoutMs / 2)
  }

  private checkHeartbeat(): void {
    // This thread was blocked (a long synchronous task): the worker's heartbeats are queued behind this
    // tick, unread. Judge it at the next tick, once they are read, not by how long this thread slept.
    const now = Date.now()
    const late = this.lastWatchdogMs !== null && now - this.lastWatchdogMs > 2 * this.watchdogMs()
    this.lastWatchdogMs = now
    if (late || !this.worker || this.lastHeartbeatMs === null) return
    const silentMs = now - this.lastHeartbeatMs
    const limitMs = this.workerReady
      ? this.timing.heartbeatTimeoutMs
      : Math.max(STARTUP_GRACE_MS, this.timing.heartbeatTimeoutMs)
    if (silentMs > limitMs) {
      this.restart(`no heartbeat for ${(silentMs / 1000).toFixed(1)} s (worker hung)`)
    }
  }

  private restart(reason: string): void {
    if (this.stopping) return
    const old = this.worker
    this.worker = null
    if (old) void old.terminate()
    for (const p of this.pending.values()) p.reject(new Error(`the scoring worker restarted: ${reason}`))
    this.pending.clear()
    if (this.feeds.active) {
      // The restarted worker resumes the feed from the last checkpoint: what it scored since is not counted.
      this.sentSeq = this.checkpointSeq + this.sinceCheckpointCount
      this.feeds.onRestart()
    }
    this.status.restarts++
    this.status.lastRestartReason = this.replayOverflowed
      ? `${reason}; history since the last checkpoint exceeded the replay buffer and was not restored`
      : reason
    const now = Date.now()
    this.status.lastRestartAtMs = now
    const windowMs = this.opts.failureWindowMs ?? DEFAULT_FAILURE_WINDOW_MS
    this.restartTimes = this.restartTimes.filter((t) => now - t < windowMs)
    this.restartTimes.push(now)
    const quick = this.restartTimes.length
    if (quick >= (this.opts.maxQuickRestarts ?? DEFAULT_MAX_QUICK_RESTARTS)) {
      // A worker that dies again and again on the same input would spin forever: stop and say so.
      this.status.lastRestartReason = `gave up after ${quick} restarts within ${Math.round(windowMs / 1000)} s; scores are stopped until another session or a seek (last failure: ${this.status.lastRestartReason})`
      this.opts.logger.error('scoring worker keeps failing; giving up', {
        reason: this.status.lastRestartReason,
      })
      this.opts.onRestart(this.status.lastRestartReason)
      this.setState('failed')
      return
    }
    this.setState('restarting')
    this.opts.logger.warn('restarting scoring worker', { reason: this.status.lastRestartReason })
    this.opts.onRestart(this.status.lastRestartReason)
    const delayMs = (this.opts.restartBackoffMs ?? DEFAULT_RESTART_BACKOFF_MS) * 2 ** (quick - 1)
    this.respawnTimer = setTimeout(() => {
      this.respawnTimer = null
      if (!this.stopping && !this.worker) this.spawn()
    }, delayMs)
  }

  private setState(state: WorkerStatus['state']): void {
    this.status.state = state
    this.opts.onStatusChange(this.getStatus())
  }
}
