import type { RecordedFrame } from './recordings'

export type FrameListener = (text: string, frame: RecordedFrame) => void

export interface ReplayFeedOptions {
  /** 1 = recorded pace; 10 = ten times faster. */
  speed: number
  /** Start again at the end; `shift` rewrites a frame for pass n > 0 so times and ids keep increasing. */
  loop: boolean
  shift?: (frame: RecordedFrame, pass: number) => string
  /** Sees every frame as it passes the replay position (keeps the book/ticker state REST snapshots need). */
  onFrame?: (stream: string, text: string) => void
  /** Maps a subscribed stream name to the recorded one (rate suffixes differ between client and recording). */
  streamKey: (stream: string) => string
}

/**
 * One recorded connection replayed on a shared clock, like a venue's live feed: every subscriber sees the
 * frames from the moment it subscribed, and the clock starts with the first subscription so a test sees
 * the recording from its beginning.
 */
export class ReplayFeed {
  private cursor = 0
  private pass = 0
  private startWallMs: number | null = null
  private readonly listeners = new Map<string, Set<FrameListener>>()

  constructor(
    readonly name: string,
    private readonly frames: readonly RecordedFrame[],
    private readonly opts: ReplayFeedOptions,
  ) {
    if (frames.length === 0) throw new Error(`feed ${name}: no recorded frames`)
  }

  get finished(): boolean {
    return !this.opts.loop && this.cursor >= this.frames.length
  }

  subscribe(stream: string, listener: FrameListener): () => void {
    const key = this.opts.streamKey(stream)
    let set = this.listeners.get(key)
    if (!set) this.listeners.set(key, (set = new Set()))
    set.add(listener)
    if (this.startWallMs === null) this.startWallMs = Date.now()
    return () => set.delete(listener)
  }

  /** Emits every frame whose recorded time the replay clock has passed. */
  tick(nowMs: number, maxFrames = 20_000): void {
    if (this.startWallMs === null) return
    const first = (this.frames[0] as RecordedFrame).recvMs
    const span = (this.frames[this.frames.length - 1] as RecordedFrame).recvMs - first + 1
    const position = first + (nowMs - this.startWallMs) * this.opts.speed - this.pass * span
    let emitted = 0
    while (emitted < maxFrames) {
      if (this.cursor >= this.frames.length) {
        if (!this.opts.loop) return
        this.cursor = 0
        this.pass++
        return
      }
      const frame = this.frames[this.cursor] as RecordedFrame
      if (frame.recvMs > position) return
      this.cursor++
      emitted++
      const text = this.pass > 0 && this.opts.shift ? this.opts.shift(frame, this.pass) : frame.text
      const key = this.opts.streamKey(frame.stream)
      this.opts.onFrame?.(key, text)
      const set = this.listeners.get(key)
      if (set) for (const l of set) l(text, frame)
    }
  }
}
