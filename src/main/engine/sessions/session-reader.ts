import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { basename } from 'node:path'
import { inflateRawSync } from 'node:zlib'
import type { MarketEvent } from '../../../shared/market-event'
import {
  decodeFileHeader,
  decodeFrameHeader,
  FILE_HEADER_BYTES,
  FRAME_HEADER_BYTES,
  FRAME_MAGIC,
  FrameType,
  payloadCrc,
  type FrameHeader,
} from './format'
import { initialMetadata, type DamageEntry, type SessionMetadata } from './session-metadata'
import { validateEvent } from './validate-event'

export interface FrameInfo extends FrameHeader {
  offset: number
}

const isoOrUnknown = (ts: number | null): string =>
  ts === null || !Number.isFinite(ts) ? 'an unknown time' : new Date(ts).toISOString()

/**
 * Reads a session file, including one still being written or damaged on disk. Opening walks the frame
 * headers (and by default checks every payload CRC) without decoding events, which gives the time index
 * used for seeking and a list of what was lost and where.
 */
export class SessionReader {
  readonly frames: FrameInfo[] = []
  readonly damage: DamageEntry[] = []
  metadata: SessionMetadata
  closed = false
  private fd: number
  private scanPos = FILE_HEADER_BYTES
  private reportedBadEvents = new Set<number>()

  private constructor(
    readonly path: string,
    private readonly verifyPayloads: boolean,
  ) {
    this.fd = openSync(path, 'r')
    const head = Buffer.alloc(FILE_HEADER_BYTES)
    const n = readSync(this.fd, head, 0, FILE_HEADER_BYTES, 0)
    const version = decodeFileHeader(head.subarray(0, n))
    if (typeof version === 'string') {
      closeSync(this.fd)
      throw new Error(`${path}: ${version}`)
    }
    this.metadata = emptyMetadata(basename(path))
    this.refresh()
  }

  static open(path: string, opts: { verifyPayloads?: boolean } = {}): SessionReader {
    return new SessionReader(path, opts.verifyPayloads ?? true)
  }

  /** Picks up frames appended since the last scan (for a session that is still being recorded). */
  refresh(): void {
    const size = fstatSync(this.fd).size
    const last = this.damage.at(-1)
    if (last?.kind === 'truncated-tail') this.damage.pop()
    let pos = this.scanPos
    while (pos < size) {
      const h =
        size - pos >= FRAME_HEADER_BYTES ? decodeFrameHeader(this.read(pos, FRAME_HEADER_BYTES)) : null
      if (!h) {
        const next = this.findNextFrame(pos + 1, size)
        if (next === null && this.looksLikeTail(pos, size)) {
          this.noteTail(pos, size)
          break
        }
        const to = next ?? size
        this.damage.push({
          kind: 'garbage',
          fromByte: pos,
          toByte: to,
          eventsLost: null,
          fromTsMs: this.lastEventTs(),
          toTsMs: null,
          message: '',
        })
        pos = to
        this.scanPos = pos
        continue
      }
      const end = pos + FRAME_HEADER_BYTES + h.payloadBytes
      if (end > size) {
        this.noteTail(pos, size)
        break
      }
      if (
        this.verifyPayloads &&
        payloadCrc(this.read(pos + FRAME_HEADER_BYTES, h.payloadBytes)) !== h.payloadCrc
      ) {
        this.badFrame(pos, end, h)
      } else {
        this.accept({ ...h, offset: pos })
      }
      pos = end
      this.scanPos = pos
    }
    for (const d of this.damage) if (d.message === '') this.describeGarbage(d)
  }

  get cutShort(): boolean {
    return !this.closed
  }

  /** Exchange-time span of the readable events, from the frame index. */
  get span(): { startTsMs: number | null; endTsMs: number | null; spanMs: number } {
    let start = Infinity
    let end = -Infinity
    for (const f of this.frames) {
      if (f.type !== FrameType.events) continue
      if (f.minTsMs < start) start = f.minTsMs
      if (f.maxTsMs > end) end = f.maxTsMs
    }
    if (start === Infinity) return { startTsMs: null, endTsMs: null, spanMs: 0 }
    return { startTsMs: start, endTsMs: end, spanMs: end - start }
  }

  get eventFrameCount(): number {
    return this.frames.reduce((n, f) => n + (f.type === FrameType.events ? 1 : 0), 0)
  }

  /** Readable sentences for the UI and CLI: cut short, damage, malformed events. */
  notes(): string[] {
    const out: string[] = []
    if (this.cutShort) {
      out.push(
        `Cut short: the session has no closing frame (the recorder stopped without closing it); ` +
          `data ends at ${isoOrUnknown(this.span.endTsMs)}.`,
      )
    }
    for (const d of this.damage) out.push(d.message)
    return out
  }

  /** Event batches (one per frame) from `fromTsMs` on, validated; malformed events are dropped and reported. */
  *batches(fromTsMs = -Infinity): Generator<MarketEvent[]> {
    for (const f of this.frames) {
      if (f.type !== FrameType.events || f.maxTsMs < fromTsMs) continue
      const events = this.decodeFrame(f)
      if (events === null) continue
      yield fromTsMs === -Infinity ? events : events.filter((e) => e.exchangeTsMs >= fromTsMs)
    }
  }

  *events(fromTsMs = -Infinity): Generator<MarketEvent> {
    for (const batch of this.batches(fromTsMs)) yield* batch
  }

  close(): void {
    closeSync(this.fd)
  }

  /** Decodes one frame's payload; null (with a damage entry) when it cannot be read. */
  decodeFrame(f: FrameInfo): MarketEvent[] | null {
    const payload = this.read(f.offset + FRAME_HEADER_BYTES, f.payloadBytes)
    let parsed: unknown
    try {
      if (!this.verifyPayloads && payloadCrc(payload) !== f.payloadCrc) throw new Error('checksum mismatch')
      parsed = JSON.parse(inflateRawSync(payload).toString('utf8'))
      if (!Array.isArray(parsed)) throw new Error('payload is not an event list')
    } catch (err) {
      if (!this.reportedBadEvents.has(f.offset)) {
        this.reportedBadEvents.add(f.offset)
        this.badFrame(f.offset, f.offset + FRAME_HEADER_BYTES + f.payloadBytes, f, (err as Error).message)
      }
      return null
    }
    const out: MarketEvent[] = []
    let bad = 0
    let firstProblem = ''
    for (let i = 0; i < parsed.length; i++) {
      const problem = validateEvent(parsed[i])
      if (problem === null) out.push(parsed[i] as MarketEvent)
      else if (bad++ === 0) firstProblem = `event ${i}: ${problem}`
    }
    if (bad > 0 && !this.reportedBadEvents.has(f.offset)) {
      this.reportedBadEvents.add(f.offset)
      this.damage.push({
        kind: 'bad-events',
        fromByte: f.offset,
        toByte: f.offset + FRAME_HEADER_BYTES + f.payloadBytes,
        eventsLost: bad,
        fromTsMs: f.minTsMs,
        toTsMs: f.maxTsMs,
        message:
          `Frame at byte ${f.offset} holds ${bad} malformed event(s) between ${isoOrUnknown(f.minTsMs)} and ` +
          `${isoOrUnknown(f.maxTsMs)}; they were skipped (first: ${firstProblem}).`,
      })
    }
    return out
  }

  private accept(f: FrameInfo): void {
    this.frames.push(f)
    if (f.type === FrameType.close) this.closed = true
    if (f.type !== FrameType.meta) return
    const decoded = this.decodeMeta(f)
    if (decoded) this.metadata = { ...this.metadata, ...decoded }
  }

  private decodeMeta(f: FrameInfo): Partial<SessionMetadata> | null {
    try {
      const raw = inflateRawSync(this.read(f.offset + FRAME_HEADER_BYTES, f.payloadBytes)).toString('utf8')
      const v: unknown = JSON.parse(raw)
      return typeof v === 'object' && v !== null ? (v as Partial<SessionMetadata>) : null
    } catch {
      return null
    }
  }

  private badFrame(from: number, to: number, h: FrameHeader, why = 'checksum mismatch'): void {
    const isEvents = h.type === FrameType.events
    this.damage.push({
      kind: 'bad-frame',
      fromByte: from,
      toByte: to,
      eventsLost: isEvents ? h.count : 0,
      fromTsMs: isEvents ? h.minTsMs : null,
      toTsMs: isEvents ? h.maxTsMs : null,
      message: isEvents
        ? `Damaged frame at bytes ${from}–${to} (${why}): lost ${h.count} events between ` +
          `${isoOrUnknown(h.minTsMs)} and ${isoOrUnknown(h.maxTsMs)}.`
        : `Damaged ${h.type === FrameType.meta ? 'metadata' : 'closing'} frame at bytes ${from}–${to} (${why}).`,
    })
  }

  private noteTail(pos: number, size: number): void {
    this.scanPos = pos
    this.damage.push({
      kind: 'truncated-tail',
      fromByte: pos,
      toByte: size,
      eventsLost: null,
      fromTsMs: this.lastEventTs(),
      toTsMs: null,
      message:
        `The last ${size - pos} bytes are an incomplete frame (still being written, or the writer stopped ` +
        `mid-frame); events after ${isoOrUnknown(this.lastEventTs())} in it are not readable.`,
    })
  }

  /** A tail shorter than a header, or a valid header whose payload runs past the end, is a torn write. */
  private looksLikeTail(pos: number, size: number): boolean {
    if (size - pos < FRAME_HEADER_BYTES)
      return this.read(pos, size - pos).every((b, i) => i >= 4 || b === FRAME_MAGIC[i])
    return false
  }

  private describeGarbage(d: DamageEntry): void {
    const next = this.frames.find((f) => f.offset >= d.toByte && f.type === FrameType.events)
    d.toTsMs = next ? next.minTsMs : null
    d.message =
      `Bytes ${d.fromByte}–${d.toByte} are not readable frames (${d.toByte - d.fromByte} bytes skipped); ` +
      `events between ${isoOrUnknown(d.fromTsMs)} and ${isoOrUnknown(d.toTsMs)} may be missing.` +
      (next ? ` Reading resumed at byte ${d.toByte}.` : ' No readable frame follows.')
  }

  private lastEventTs(): number | null {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i] as FrameInfo
      if (f.type === FrameType.events) return f.maxTsMs
    }
    return null
  }

  /** Next offset holding a frame magic followed by a header whose CRC holds. */
  private findNextFrame(from: number, size: number): number | null {
    const chunk = 1 << 20
    for (let base = from; base < size; base += chunk - FRAME_HEADER_BYTES) {
      const buf = this.read(base, Math.min(chunk, size - base))
      let i = buf.indexOf(FRAME_MAGIC)
      while (i !== -1) {
        const at = base + i
        if (size - at >= FRAME_HEADER_BYTES && decodeFrameHeader(this.read(at, FRAME_HEADER_BYTES))) return at
        i = buf.indexOf(FRAME_MAGIC, i + 1)
      }
      if (base + chunk >= size) break
    }
    return null
  }

  private read(pos: number, len: number): Buffer {
    const b = Buffer.allocUnsafe(len)
    let got = 0
    while (got < len) {
      const n = readSync(this.fd, b, got, len - got, pos + got)
      if (n === 0) break
      got += n
    }
    return got === len ? b : b.subarray(0, got)
  }
}

/** Stand-in when no metadata frame is readable: the file name as label, provenance unknown. */
function emptyMetadata(label: string): SessionMetadata {
  return initialMetadata(
    {
      label,
      source: { kind: 'recording', format: 'unknown', files: [] },
      provenance: 'unknown (metadata frame unreadable)',
      importer: null,
      createdAtMs: 0,
    },
    1,
  )
}
