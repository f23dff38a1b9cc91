import type { ReplayPosition, ReplaySpeed } from '../../../shared/contract/sessions'
import type { Engine } from '../engine'
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
    const source = new ReplaySource(path, { autoPlay, settled: () => this.engine.settled() })
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
    await this.engine.setSource(null)
    this.engine.bus.emit('replayPosition', null)
  }

  control(cmd: ReplayCommand): ReplayPosition {
    const s = this.source
    if (!s) throw new Error('no session is open: open one in Sessions first')
    switch (cmd.action) {
      case 'play':
        s.play()
        break
      case 'pause':
        s.pause()
        break
      case 'step':
        s.step()
        break
      case 'seek':
        // Scores built before the seek belong to another timeline: start the scoring state afresh.
        this.engine.resetScoring()
        s.seek(cmd.tsMs)
        break
      case 'speed':
        s.setSpeed(cmd.speed)
        break
    }
    return this.position() as ReplayPosition
  }

  position(): ReplayPosition | null {
    if (!this.source) return null
    return { path: this.source.path, ...this.source.position() }
  }

  get sessionPath(): string | null {
    return this.source?.path ?? null
  }
}
