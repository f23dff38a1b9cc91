import type { ReplayPosition, ReplaySpeed } from '../../../shared/contract/sessions'
import type { Engine } from '../engine'
import { SeekStates } from '../scoring/seek-state'
import { ReplaySource } from '../sessions/replay-source'
import type { SessionLibrary } from './session-library'

export type ReplayCommand =
  | { action: 'play' | 'pause' | 'step' }
  | { action: 'seek'; tsMs: number }
  | { action: 'speed'; speed: ReplaySpeed }

/** Opens sessions as the engine's data source and drives the replay clock. */
export class ReplayControl {
  private source: ReplaySource | null = null
  private offChange: (() => void) | null = null
  private seeks: { states: SeekStates; configKey: string } | null = null
  /** While a seek's target state is being built: whether to play once it is in place. */
  private seeking: { resume: boolean } | null = null

  constructor(
    private readonly engine: Engine,
    private readonly library: SessionLibrary,
  ) {}

  /** Opens a session the library lists (what the UI may ask for). */
  open(path: string, autoPlay = false): Promise<ReplayPosition> {
    return this.openFile(this.library.resolveListed(path).path, autoPlay)
  }

  /** Opens any session file (the CLI's `serve --session`, where the user names the file). */
  async openFile(path: string, autoPlay = false): Promise<ReplayPosition> {
    await this.close()
    const source = new ReplaySource(path, {
      autoPlay,
      settled: () => this.engine.settled(),
      // At max speed the scoring worker reads the file itself (no copy per event across threads).
      feed: (req, onProgress) => this.engine.feedSession(req, onProgress),
    })
    const label = source.label
    this.source = source
    this.offChange = source.onChange(() => this.engine.bus.emit('replayPosition', this.position()))
    await this.engine.setSource(source)
    for (const note of source.notes()) this.engine.notify('warning', `${label}: ${note}`)
    const position = this.position()
    this.engine.bus.emit('replayPosition', position)
    return position as ReplayPosition
  }

  async close(): Promise<void> {
    if (!this.source) return
    this.offChange?.()
    this.offChange = null
    this.source = null
    this.seeks = null
    this.seeking = null
    await this.engine.setSource(null)
    this.engine.bus.emit('replayPosition', null)
  }

  control(cmd: ReplayCommand): ReplayPosition {
    const s = this.source
    if (!s) throw new Error('no session is open: open one in Sessions first')
    switch (cmd.action) {
      case 'play':
        // Batches must not reach the scorer before the seek's target state does: play once it is in.
        if (this.seeking) this.seeking.resume = true
        else s.play()
        break
      case 'pause':
        if (this.seeking) this.seeking.resume = false
        s.pause()
        break
      case 'step':
        if (!this.seeking) s.step()
        break
      case 'seek':
        this.seek(s, cmd.tsMs)
        break
      case 'speed':
        s.setSpeed(cmd.speed)
        break
    }
    return this.position() as ReplayPosition
  }

  /**
   * Moves the clock to the target and puts the scoring state there: the exact state straight play reaches
   * at the target (built from the session's checkpoints), so the radar shows it at once, paused or not,
   * and playing on from it scores exactly as straight play.
   */
  private seek(s: ReplaySource, tsMs: number): void {
    const states = this.seekStates(s)
    const { startTsMs, endTsMs } = s.position()
    if (startTsMs === null || endTsMs === null) return
    const target = states.alignTarget(Math.min(Math.max(tsMs, startTsMs), endTsMs), endTsMs)
    const resume = this.seeking ? this.seeking.resume : s.position().state === 'playing'
    s.pause()
    s.seek(target)
    const seeking = { resume }
    this.seeking = seeking
    void states
      .stateAt(target)
      .then((cp) => {
        // A later seek or another session superseded this one.
        if (cp === null || this.seeking !== seeking || this.source !== s) return
        this.engine.restoreScoring(cp)
        this.seeking = null
        if (seeking.resume) s.play()
      })
      .catch((err: unknown) => {
        if (this.seeking !== seeking) return
        this.seeking = null
        this.engine.notify(
          'error',
          `Seek could not rebuild the scores at the target: ${err instanceof Error ? err.message : String(err)}`,
        )
      })
  }

  private seekStates(s: ReplaySource): SeekStates {
    const config = this.engine.scoringConfig()
    const configKey = JSON.stringify(config)
    // Checkpoints hold scores under one set of settings: new settings, new checkpoints.
    if (!this.seeks || this.seeks.configKey !== configKey)
      this.seeks = { states: new SeekStates(s.path, config), configKey }
    return this.seeks.states
  }

  /** Resolves once a seek in progress has put its target state in place (tests, journal entries). */
  async seekSettled(): Promise<void> {
    while (this.seeking) await new Promise((r) => setTimeout(r, 10))
  }

  position(): ReplayPosition | null {
    if (!this.source) return null
    return { path: this.source.path, ...this.source.position() }
  }

  get sessionPath(): string | null {
    return this.source?.path ?? null
  }
}
