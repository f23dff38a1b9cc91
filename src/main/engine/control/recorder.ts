import type { RecordingStatus } from '../../../shared/contract/sessions'
import type { Engine } from '../engine'
import { SessionWriter } from '../sessions/session-writer'
import type { SessionLibrary } from './session-library'

const IDLE: RecordingStatus = { active: false, path: null, startedAtMs: null, bytes: 0, events: 0 }

/**
 * Records everything the engine receives (gaps and reconnect markers included) into a session file that is
 * flushed every second, so a crash loses at most the last second.
 */
export class Recorder {
  private writer: SessionWriter | null = null
  private offIngest: (() => void) | null = null
  private status: RecordingStatus = IDLE
  private ticker: NodeJS.Timeout | null = null

  constructor(
    private readonly engine: Engine,
    private readonly library: SessionLibrary,
  ) {}

  start(): RecordingStatus {
    if (this.writer) return this.current()
    const source = this.engine.status().source
    if (source.kind !== 'live')
      throw new Error('recording needs live data: press Go live in the top bar first')
    const path = this.library.newSessionPath('recording')
    const writer = SessionWriter.open(
      path,
      {
        label: `Recording — ${source.label}`,
        source: { kind: 'recording', format: 'live', files: [] },
        provenance: 'Recorded live from the venues’ public market data by Leverage Radar',
        importer: null,
      },
      { autoFlushMs: 1000 },
    )
    this.writer = writer
    this.status = { active: true, path, startedAtMs: Date.now(), bytes: 0, events: 0 }
    this.offIngest = this.engine.onIngest((events) => {
      writer.append(events)
      this.status.events += events.length
    })
    this.ticker = setInterval(() => this.engine.bus.emit('recording', this.current()), 1000)
    this.engine.logger.info('recording started', { path })
    return this.current()
  }

  stop(): RecordingStatus {
    if (!this.writer) return this.current()
    this.offIngest?.()
    if (this.ticker) clearInterval(this.ticker)
    const writer = this.writer
    writer.close()
    const final = { ...this.current(), active: false }
    this.writer = null
    this.status = IDLE
    this.engine.bus.emit('recording', final)
    this.engine.logger.info('recording stopped', { path: final.path, events: final.events })
    return final
  }

  current(): RecordingStatus {
    return { ...this.status, bytes: this.writer?.bytesWritten ?? this.status.bytes }
  }
}
