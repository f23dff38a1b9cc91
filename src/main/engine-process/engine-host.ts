import type { AppInfo, InvokeChannel } from '../../shared/api'
import { INVOKE_CHANNELS } from '../../shared/api'
import { settlePending } from '../../shared/api-channels'
import type { InvokeHandlers } from '../engine/api/handlers'
import { EventBus } from '../engine/event-bus'
import type { BootFrame, FromEngine, Resume, ToEngine } from './protocol'
import { fromEngineSchema, NOTHING_TO_RESUME, parseFrame } from './protocol'
import { RestorableState } from './restorable-state'

/** One started engine process, whichever API started it (utilityProcess or child_process.fork). */
export interface EngineProcessHandle {
  readonly pid: number | undefined
  send(frame: ToEngine): void
  onFrame(listener: (raw: unknown) => void): void
  /** Called once when the process is gone; `reason` says how ("exited with code 1", "killed by SIGKILL"). */
  onExit(listener: (reason: string) => void): void
  kill(): void
  /** Hands a window's MessagePort to the process (Electron's utilityProcess; absent over Node's fork). */
  transferPort?(port: TransferablePort): void
}

/** A MessagePort as the host holds it: handed on, or closed when there is no engine to take it. */
export interface TransferablePort {
  close(): void
}

export interface EngineHostOptions {
  launch: () => EngineProcessHandle
  boot: Omit<BootFrame, 'kind' | 'resume'>
  /** What the first engine takes up (e.g. `serve --session`); after a crash, what the last one had. */
  resume?: Resume
  /** Where the host reports what the UI cannot show (a boot failure before any window exists). */
  log?: (message: string) => void
  /** Crashes within `quickWindowMs` before the host gives up. */
  maxQuickCrashes?: number
  quickWindowMs?: number
  /** How long a boot may take before the process counts as failed. */
  bootTimeoutMs?: number
}

type HostState = 'starting' | 'ready' | 'restarting' | 'failed' | 'stopped'

interface Pending {
  channel: InvokeChannel
  resolve: (value: unknown) => void
  reject: (err: Error) => void
}

/**
 * The engine as seen from the window's process: `handlers` has the shape of the in-process handlers (so the
 * IPC bridge and the browser-mode server use it unchanged) and `bus` mirrors the engine's events. A crashed
 * engine process is started again and its state (source, position, watched market, recording) restored;
 * the user sees a notice, as for a scoring-worker restart. After `maxQuickCrashes` quick crashes it stops
 * trying and says so.
 */
export class EngineHost {
  readonly bus = new EventBus()
  readonly handlers: InvokeHandlers
  readonly restarts: { atMs: number; reason: string }[] = []
  private proc: EngineProcessHandle | null = null
  private state: HostState = 'starting'
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly queued: (() => void)[] = []
  private readonly restorable: RestorableState
  private info: AppInfo | null = null
  private failure: string | null = null
  private stopped: (() => void) | null = null
  private readonly exited = new WeakSet<EngineProcessHandle>()
  private readonly restartedListeners: (() => void)[] = []
  private readonly failedListeners: ((reason: string) => void)[] = []

  constructor(private readonly opts: EngineHostOptions) {
    const handlers: Record<string, (request: unknown) => Promise<unknown>> = {}
    for (const channel of INVOKE_CHANNELS) handlers[channel] = (request) => this.invoke(channel, request)
    this.handlers = handlers as unknown as InvokeHandlers
    this.restorable = new RestorableState(opts.resume ?? NOTHING_TO_RESUME)
    this.bus.onAny((channel, payload) => this.restorable.observeEvent(channel, payload))
  }

  get appInfo(): AppInfo {
    if (!this.info) throw new Error('the engine process has not booted yet')
    return this.info
  }

  get pid(): number | undefined {
    return this.proc?.pid
  }

  get hostState(): HostState {
    return this.state
  }

  /**
   * Starts the engine process; resolves once it has booted, with what of `resume` it could not take up.
   */
  async start(): Promise<{ appInfo: AppInfo; lost: string[] }> {
    const booted = await this.launch(this.opts.resume ?? NOTHING_TO_RESUME)
    this.state = 'ready'
    this.flushQueue()
    return booted
  }

  async stop(): Promise<void> {
    const proc = this.proc
    const wasRunning = this.state !== 'failed' && this.state !== 'stopped'
    this.state = 'stopped'
    if (!proc || !wasRunning || this.exited.has(proc)) return
    await new Promise<void>((done) => {
      this.stopped = done
      const force = setTimeout(() => proc.kill(), 10_000)
      force.unref?.()
      proc.send({ kind: 'stop' })
    })
  }

  /**
   * Gives a window its own channel to the engine: the port goes to the engine process once it is ready
   * (queued while it boots or restarts). A crash closes every port with the process: after a restart the
   * caller hands each window a new one (see onRestarted).
   */
  attachWindowPort(port: TransferablePort): void {
    const hand = (): void => {
      const proc = this.proc
      if (this.state !== 'ready' || !proc?.transferPort) return port.close()
      proc.transferPort(port)
    }
    if (this.state === 'starting' || this.state === 'restarting') this.queued.push(hand)
    else hand()
  }

  /** Called each time a crashed engine process has been started again and has restored its state. */
  onRestarted(listener: () => void): void {
    this.restartedListeners.push(listener)
  }

  /** Called once if the host gives up restarting the engine, with why. */
  onFailed(listener: (reason: string) => void): void {
    this.failedListeners.push(listener)
  }

  /** Test and support aid: makes the engine process crash (only when booted with diagnostics). */
  simulateCrash(): void {
    this.proc?.send({ kind: 'crash' })
  }

  private launch(
    resume: Resume,
    launch: BootFrame['launch'] = this.opts.boot.launch,
  ): Promise<{ appInfo: AppInfo; lost: string[] }> {
    const proc = this.opts.launch()
    this.proc = proc
    return new Promise((resolve, reject) => {
      let booted = false
      const timer = setTimeout(() => {
        if (booted) return
        reject(new Error(`the engine process did not boot within ${this.opts.bootTimeoutMs ?? 30_000} ms`))
        proc.kill()
      }, this.opts.bootTimeoutMs ?? 30_000)
      timer.unref?.()
      proc.onFrame((raw) => {
        const parsed = parseFrame(fromEngineSchema, raw)
        if (!parsed.ok) return this.opts.log?.(parsed.error)
        const frame = parsed.frame
        if (frame.kind === 'ready') {
          booted = true
          clearTimeout(timer)
          this.info = frame.appInfo
          resolve({ appInfo: frame.appInfo, lost: frame.lost })
        } else if (frame.kind === 'fatal') {
          this.failure = frame.error
          if (!booted) reject(new Error(`the engine could not start: ${frame.error}`))
        } else this.onFrame(frame)
      })
      proc.onExit((reason) => {
        clearTimeout(timer)
        if (!booted) reject(new Error(`the engine process ${reason} before it booted`))
        this.onExit(proc, reason)
      })
      proc.send({ kind: 'boot', ...this.opts.boot, launch, resume })
    })
  }

  private onFrame(frame: FromEngine): void {
    if (frame.kind === 'event') this.bus.emit(frame.channel, frame.payload as never)
    else if (frame.kind === 'observed') this.restorable.observeInvoke(frame.channel, frame.request)
    else if (frame.kind === 'result') settlePending(this.pending, frame.id, frame.envelope)
  }

  private onExit(proc: EngineProcessHandle, reason: string): void {
    this.exited.add(proc)
    if (proc !== this.proc) return
    for (const [id, p] of this.pending) {
      this.pending.delete(id)
      p.reject(new Error(`the engine process ${reason} while answering ${p.channel}`))
    }
    if (this.state === 'stopped') {
      this.stopped?.()
      return
    }
    if (this.failure || this.state === 'starting') return this.giveUp(this.failure ?? reason)
    const now = Date.now()
    this.restarts.push({ atMs: now, reason })
    const quick = this.restarts.filter((r) => now - r.atMs < (this.opts.quickWindowMs ?? 60_000))
    if (quick.length > (this.opts.maxQuickCrashes ?? 3))
      return this.giveUp(`${reason}, ${quick.length} times within a minute`)
    void this.restart(reason)
  }

  private async restart(reason: string): Promise<void> {
    this.state = 'restarting'
    let lost: string[]
    try {
      ;({ lost } = await this.launch(this.restorable.resume(), 'idle'))
    } catch (err) {
      // The exit handler of the failed launch restarts again or gives up.
      this.opts.log?.(err instanceof Error ? err.message : String(err))
      return
    }
    this.state = 'ready'
    for (const listener of this.restartedListeners) listener()
    this.flushQueue()
    const tail = lost.length ? ` Not restored: ${lost.join('; ')}.` : ' Its state was restored.'
    this.bus.emit('notice', {
      level: lost.length ? 'error' : 'warning',
      message: `The engine process was restarted: it ${reason}.${tail}`,
      atMs: Date.now(),
    })
  }

  private giveUp(reason: string): void {
    this.state = 'failed'
    this.failure = reason
    const message = `The engine process stopped and was not restarted: ${reason}. Restart the app; the log file has details.`
    this.opts.log?.(message)
    this.bus.emit('notice', { level: 'error', message, atMs: Date.now() })
    for (const listener of this.failedListeners) listener(reason)
    for (const run of this.queued.splice(0)) run()
  }

  private flushQueue(): void {
    for (const run of this.queued.splice(0)) run()
  }

  private invoke(channel: InvokeChannel, request: unknown): Promise<unknown> {
    if (this.state === 'ready' || this.state === 'failed' || this.state === 'stopped')
      return this.send(channel, request)
    return new Promise((resolve, reject) => {
      this.queued.push(() => {
        if (this.state === 'ready') this.send(channel, request).then(resolve, reject)
        else reject(new Error(`the engine is not running: ${this.failure ?? this.state}`))
      })
    })
  }

  private send(channel: InvokeChannel, request: unknown): Promise<unknown> {
    const proc = this.proc
    if (!proc || this.state === 'failed' || this.state === 'stopped')
      return Promise.reject(new Error(`the engine is not running: ${this.failure ?? this.state}`))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        channel,
        resolve: (value) => {
          this.restorable.observeInvoke(channel, request)
          resolve(value)
        },
        reject,
      })
      proc.send({ kind: 'invoke', id, channel, payload: request })
    })
  }
}
