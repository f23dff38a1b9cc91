import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs'
import { deflateRawSync } from 'node:zlib'
import type { GapEvent, MarketEvent } from '../../../shared/market-event'
import { marketKey } from '../../../shared/market-event'
import { encodeColumnar } from './columnar-codec'
import {
  ENCODING_COLUMNAR,
  ENCODING_DEFLATE_JSON,
  encodeFileHeader,
  encodeFrame,
  FORMAT_VERSION,
  FrameType,
  type FrameTypeCode,
} from './format'
import { initialMetadata, type SessionMetadata, type SessionMetadataInit } from './session-metadata'

export interface SessionWriterOptions {
  /** Close a frame once it holds this many events. */
  frameMaxEvents?: number
  /** Close a frame once its events span this much exchange time (ms); bar data can use hours. */
  frameSpanMs?: number
  /** A frame is not closed for its span before it holds this many events (sparse data packs better). */
  frameMinEvents?: number
  /** Recording mode: flush buffered events every this many wall-clock ms (crash loses at most this). */
  autoFlushMs?: number
  /** Replace an existing file instead of refusing. */
  overwrite?: boolean
  /** zlib level 1–9; samples use 9 to stay small. */
  compressionLevel?: number
  /**
   * Events frame encoding: 2 (columnar, the default) or 1 (JSON, what format version 1 readers read). A
   * frame holding an event that does not fit its type's columns is written as JSON either way.
   */
  encoding?: 1 | 2
}

/** Below this many events a frame is encoded both ways and the smaller payload kept. */
const SMALL_FRAME_EVENTS = 64

/**
 * Append-only writer. Events are buffered into frames; each frame is written with one write call, so a
 * killed process leaves at most one half-written frame at the tail, which readers skip.
 */
export class SessionWriter {
  private fd: number
  private buffer: MarketEvent[] = []
  private bufMin = Infinity
  private bufMax = -Infinity
  private metaDirty = false
  private timer: NodeJS.Timeout | null = null
  private closed = false
  readonly meta: SessionMetadata
  bytesWritten = 0

  private constructor(
    readonly path: string,
    init: SessionMetadataInit,
    private readonly opts: SessionWriterOptions,
  ) {
    this.fd = openSync(path, opts.overwrite ? 'w' : 'wx')
    const version = (opts.encoding ?? 2) === ENCODING_COLUMNAR ? FORMAT_VERSION : 1
    this.meta = initialMetadata(init, version)
    this.write(encodeFileHeader(version))
    this.writeFrame(FrameType.meta, Buffer.from(JSON.stringify(this.meta)), 0, NaN, NaN)
    if (opts.autoFlushMs) {
      this.timer = setInterval(() => this.flush(), opts.autoFlushMs)
      this.timer.unref()
    }
  }

  static open(path: string, init: SessionMetadataInit, opts: SessionWriterOptions = {}): SessionWriter {
    return new SessionWriter(path, init, opts)
  }

  append(events: readonly MarketEvent[]): void {
    if (this.closed) throw new Error(`session ${this.path} is closed`)
    const maxEvents = this.opts.frameMaxEvents ?? 8192
    const spanMs = this.opts.frameSpanMs ?? 1000
    const minEvents = Math.max(1, this.opts.frameMinEvents ?? 1)
    for (const ev of events) {
      const ts = ev.exchangeTsMs
      const n = this.buffer.length
      if (n >= maxEvents || (n >= minEvents && ts - this.bufMin >= spanMs)) this.flushEvents()
      this.buffer.push(ev)
      if (ts < this.bufMin) this.bufMin = ts
      if (ts > this.bufMax) this.bufMax = ts
      this.account(ev)
    }
  }

  /** Records a hole in a stream (disconnect, stall, import gap) as a GapEvent in the event stream. */
  appendGap(gap: Omit<GapEvent, 'type'>): void {
    this.append([{ type: 'gap', ...gap }])
  }

  addDataQualityNote(note: string): void {
    if (!this.meta.dataQuality.includes(note)) {
      this.meta.dataQuality.push(note)
      this.metaDirty = true
    }
  }

  /** Writes buffered events (and changed metadata) to the file now. */
  flush(): void {
    if (this.closed) return
    this.flushEvents()
    if (this.metaDirty) this.writeMeta()
  }

  /** Flushes, writes the final metadata and the closing frame; a file without it reads as cut short. */
  close(patch: Partial<Pick<SessionMetadata, 'label' | 'dataQuality'>> = {}): SessionMetadata {
    if (this.closed) return this.meta
    if (this.timer) clearInterval(this.timer)
    this.flushEvents()
    Object.assign(this.meta, patch)
    this.writeMeta()
    this.writeFrame(FrameType.close, Buffer.alloc(0), 0, NaN, NaN)
    fsyncSync(this.fd)
    closeSync(this.fd)
    this.closed = true
    return this.meta
  }

  private account(ev: MarketEvent): void {
    const m = this.meta
    m.eventCount++
    m.eventCounts[ev.type] = (m.eventCounts[ev.type] ?? 0) + 1
    if (m.startTsMs === null || ev.exchangeTsMs < m.startTsMs) m.startTsMs = ev.exchangeTsMs
    if (m.endTsMs === null || ev.exchangeTsMs > m.endTsMs) m.endTsMs = ev.exchangeTsMs
    if (!m.venues.includes(ev.venue)) {
      m.venues.push(ev.venue)
      this.metaDirty = true
    }
    const key = marketKey(ev.venue, ev.symbol)
    if (!m.markets.includes(key)) {
      m.markets.push(key)
      this.metaDirty = true
    }
  }

  private flushEvents(): void {
    if (this.buffer.length === 0) return
    const n = this.buffer.length
    const level = this.opts.compressionLevel ?? 6
    let payload = (this.opts.encoding ?? 2) === ENCODING_COLUMNAR ? encodeColumnar(this.buffer, level) : null
    let encoding: number = ENCODING_COLUMNAR
    // Small frames (a recorder's 1 s flushes) can deflate smaller as JSON than as columns with their
    // headers: keep whichever is smaller there, so a file is never larger than format 1 would make it.
    if (!payload || n < SMALL_FRAME_EVENTS) {
      const json = deflateRawSync(Buffer.from(JSON.stringify(this.buffer)), { level })
      if (!payload || json.length < payload.length) {
        payload = json
        encoding = ENCODING_DEFLATE_JSON
      }
    }
    this.write(encodeFrame(FrameType.events, encoding, payload, n, this.bufMin, this.bufMax))
    this.buffer = []
    this.bufMin = Infinity
    this.bufMax = -Infinity
  }

  private writeMeta(): void {
    this.writeFrame(FrameType.meta, Buffer.from(JSON.stringify(this.meta)), 0, NaN, NaN)
    this.metaDirty = false
  }

  private writeFrame(
    type: FrameTypeCode,
    raw: Buffer,
    count: number,
    minTsMs: number,
    maxTsMs: number,
  ): void {
    const payload = raw.length ? deflateRawSync(raw, { level: this.opts.compressionLevel ?? 6 }) : raw
    // One write per frame: a crash can tear only the frame being written, never an earlier one.
    this.write(encodeFrame(type, ENCODING_DEFLATE_JSON, payload, count, minTsMs, maxTsMs))
  }

  private write(b: Buffer): void {
    let off = 0
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off)
    this.bytesWritten += b.length
  }
}
