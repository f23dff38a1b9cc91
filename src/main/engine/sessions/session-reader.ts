import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import type { MarketEvent } from '../../../shared/market-event'
import { badFrameEntry, describeGarbage, duplicateEntry, isoOrUnknown, tailEntry } from './damage-notes'
import {
  decodeFileHeader,
  decodeFrameHeader,
  FILE_HEADER_BYTES,
  FILE_MAGIC,
  FRAME_HEADER_BYTES,
  FRAME_MAGIC,
  FrameType,
  MAX_FRAME_EVENTS,
  payloadCrc,
  type FrameHeader,
} from './format'
import { decodeEventsPayload, decodeMetaPayload } from './frame-payload'
import { initialMetadata, validateMetadata, type DamageEntry, type SessionMetadata } from './session-metadata'
import { MAX_EVENT_TS_MS, MIN_EVENT_TS_MS, validateEvent } from './validate-event'

export interface FrameInfo extends FrameHeader {
  offset: number
}

const META_KEYS = Object.keys(initialMetadata({} as never, 1)) as (keyof SessionMetadata)[]
const OPTIONAL_META_KEYS: readonly string[] = ['basisSpotVenue'] satisfies (keyof SessionMetadata)[]
const inTsWindow = (t: number) => t >= MIN_EVENT_TS_MS && t < MAX_EVENT_TS_MS

/** Why an intact events header cannot be trusted for the time index, or null. */
function eventsHeaderProblem(h: FrameHeader): string | null {
  if (h.count < 1 || h.count > MAX_FRAME_EVENTS) return `event count ${h.count} is out of range`
  if (!inTsWindow(h.minTsMs) || !inTsWindow(h.maxTsMs) || h.minTsMs > h.maxTsMs)
    return `time range ${h.minTsMs}–${h.maxTsMs} is not a span of 2009–2100 milliseconds`
  return null
}

/**
 * Reads a session file, including one still being written or damaged on disk. Opening walks the frame
 * headers (and by default checks every payload CRC) without decoding events, which gives the time index
 * used for seeking and a list of what was lost and where. Nothing in the file is trusted: header values are
 * range-checked, payloads inflate within limits, events and metadata are validated field by field.
 */
export class SessionReader {
  readonly frames: FrameInfo[] = []
  readonly damage: DamageEntry[] = []
  metadata: SessionMetadata
  closed = false
  private fd: number
  private scanPos = FILE_HEADER_BYTES
  private reportedBadEvents = new Set<number>()
  private seenFrames = new Set<string>()
  private metaFrames: FrameInfo[] = []
  private decodedMeta = new Map<number, Partial<SessionMetadata> | null>()
  /** Why a garbage range was skipped, by its first byte, for its note. */
  private garbageWhy = new Map<number, string>()
  private scratch = Buffer.alloc(0)

  private constructor(
    readonly path: string,
    private readonly verifyPayloads: boolean,
  ) {
    // Opening a FIFO for reading blocks until a writer appears, and a device never ends: refuse both first.
    if (!statSync(path).isFile()) throw new Error(`${path}: not a regular file, so not a session`)
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
        pos = this.skipGarbage(pos, next ?? size)
        continue
      }
      const end = pos + FRAME_HEADER_BYTES + h.payloadBytes
      if (end > size) {
        // A frame still being written is the last thing in the file; a readable frame after it means its
        // length field is wrong, and reading resumes there rather than giving up on the rest.
        const next = this.findNextFrame(pos + FRAME_HEADER_BYTES, size)
        if (next === null) {
          this.noteTail(pos, size)
          break
        }
        pos = this.skipGarbage(pos, next, `a frame length of ${h.payloadBytes} bytes runs past the end`)
        continue
      }
      if (
        this.verifyPayloads &&
        payloadCrc(this.read(pos + FRAME_HEADER_BYTES, h.payloadBytes)) !== h.payloadCrc
      ) {
        // A damaged length can make a frame swallow the frames after it: resume at the first one inside.
        const inner = this.findNextFrame(pos + FRAME_HEADER_BYTES, end)
        const to = inner ?? end
        this.damage.push(badFrameEntry(pos, to, h, 'checksum mismatch'))
        pos = this.scanPos = to
        continue
      }
      const problem = h.type === FrameType.events ? eventsHeaderProblem(h) : null
      if (problem) this.damage.push(badFrameEntry(pos, end, h, problem))
      else this.accept({ ...h, offset: pos }, end)
      pos = this.scanPos = end
    }
    for (const d of this.damage) if (d.message === '' && d.kind === 'garbage') this.describeGarbage(d)
    this.metadata = this.mergeMetadata()
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
    const payload = this.readPayload(f)
    let parsed: unknown[]
    let checked: Uint8Array | null
    try {
      if (!this.verifyPayloads && payloadCrc(payload) !== f.payloadCrc) throw new Error('checksum mismatch')
      ;({ events: parsed, checked } = decodeEventsPayload(payload, f))
    } catch (err) {
      if (!this.reportedBadEvents.has(f.offset)) {
        this.reportedBadEvents.add(f.offset)
        const to = f.offset + FRAME_HEADER_BYTES + f.payloadBytes
        this.damage.push(badFrameEntry(f.offset, to, f, (err as Error).message))
      }
      return null
    }
    // Most frames are whole: their event list is handed on as decoded, and only a frame with a bad event
    // is copied without it.
    let out: MarketEvent[] | null = null
    let bad = 0
    let firstProblem = ''
    for (let i = 0; i < parsed.length; i++) {
      const e = parsed[i] as MarketEvent
      let problem = checked !== null && checked[i] === 1 ? null : validateEvent(e)
      // The header's time range is the seek index: an event outside it would be skipped or misplaced.
      if (problem === null && (e.exchangeTsMs < f.minTsMs || e.exchangeTsMs > f.maxTsMs))
        problem = `exchangeTsMs ${e.exchangeTsMs} lies outside its frame's time range`
      if (problem === null) out?.push(e)
      else {
        if (bad++ === 0) firstProblem = `event ${i}: ${problem}`
        out ??= parsed.slice(0, i) as MarketEvent[]
      }
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
    return out ?? (parsed as MarketEvent[])
  }

  private accept(f: FrameInfo, end: number): void {
    // Identical header fields (payload CRC included) mean the same frame written twice.
    const key = `${f.type}:${f.encoding}:${f.payloadBytes}:${f.count}:${f.minTsMs}:${f.maxTsMs}:${f.payloadCrc}`
    if (this.seenFrames.has(key)) {
      // Repeated metadata or closing frames change nothing; repeated events would count twice.
      if (f.type === FrameType.events) {
        const prev = this.damage.at(-1)
        const entry = duplicateEntry(prev, f.offset, end, f)
        if (entry !== prev) this.damage.push(entry)
      }
      return
    }
    this.seenFrames.add(key)
    this.frames.push(f)
    if (f.type === FrameType.close) this.closed = true
    if (f.type === FrameType.meta) this.metaFrames.push(f)
  }

  /**
   * Every metadata frame holds the whole metadata, so the last readable one is enough: decode from the end
   * and fill each field from the newest frame where it is valid. Listing a folder thus inflates one small
   * frame per file.
   */
  private mergeMetadata(): SessionMetadata {
    const merged = emptyMetadata(basename(this.path)) as unknown as Record<string, unknown>
    const missing = new Set<string>(META_KEYS)
    let newest = true
    for (let i = this.metaFrames.length - 1; i >= 0 && missing.size > 0; i--) {
      const fields = this.decodeMeta(this.metaFrames[i] as FrameInfo)
      if (!fields) continue
      for (const [k, v] of Object.entries(fields)) {
        // Optional fields (absent in older sessions) come from the newest readable frame, which holds them
        // whenever the session has them: older frames are not searched for what may never be there.
        if (missing.delete(k) || (newest && OPTIONAL_META_KEYS.includes(k))) merged[k] = v
      }
      newest = false
    }
    return merged as unknown as SessionMetadata
  }

  private decodeMeta(f: FrameInfo): Partial<SessionMetadata> | null {
    const cached = this.decodedMeta.get(f.offset)
    if (cached !== undefined) return cached
    let fields: Partial<SessionMetadata> | null = null
    let problem: string | null = null
    try {
      const payload = this.read(f.offset + FRAME_HEADER_BYTES, f.payloadBytes)
      if (!this.verifyPayloads && payloadCrc(payload) !== f.payloadCrc) throw new Error('checksum mismatch')
      const checked = validateMetadata(decodeMetaPayload(payload, f.encoding))
      fields = checked.fields
      if (checked.problems.length) problem = `${checked.problems.join('; ')}; older values kept`
    } catch (err) {
      problem = `${(err as Error).message}; it was skipped`
    }
    this.decodedMeta.set(f.offset, fields)
    if (problem) {
      this.damage.push({
        kind: 'bad-metadata',
        fromByte: f.offset,
        toByte: f.offset + FRAME_HEADER_BYTES + f.payloadBytes,
        eventsLost: 0,
        fromTsMs: null,
        toTsMs: null,
        message: `Damaged metadata frame at byte ${f.offset}: ${problem}.`,
      })
    }
    return fields
  }

  private skipGarbage(from: number, to: number, why = ''): number {
    this.damage.push({
      kind: 'garbage',
      fromByte: from,
      toByte: to,
      eventsLost: null,
      fromTsMs: this.lastEventTs(),
      toTsMs: null,
      message: '',
    })
    this.garbageWhy.set(from, why)
    this.scanPos = to
    return to
  }

  private noteTail(pos: number, size: number): void {
    this.scanPos = pos
    this.damage.push(tailEntry(pos, size, this.lastEventTs()))
  }

  /** A tail shorter than a header that starts like a frame is a torn write. */
  private looksLikeTail(pos: number, size: number): boolean {
    if (size - pos < FRAME_HEADER_BYTES)
      return this.read(pos, size - pos).every((b, i) => i >= 4 || b === FRAME_MAGIC[i])
    return false
  }

  private describeGarbage(d: DamageEntry): void {
    const next = this.frames.find((f) => f.offset >= d.toByte && f.type === FrameType.events)
    let why = this.garbageWhy.get(d.fromByte) ?? ''
    if (!why && this.read(d.fromByte, FILE_MAGIC.length).equals(FILE_MAGIC))
      why = 'a second session file header: two files joined'
    describeGarbage(d, next, why ? `: ${why}` : '')
  }

  private lastEventTs(): number | null {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i] as FrameInfo
      if (f.type === FrameType.events) return f.maxTsMs
    }
    return null
  }

  /** Next offset in [from, to) holding a frame magic followed by a header whose CRC holds. */
  private findNextFrame(from: number, to: number): number | null {
    const chunk = 1 << 20
    for (let base = from; base < to; base += chunk - FRAME_HEADER_BYTES) {
      const buf = this.read(base, Math.min(chunk, to - base))
      let i = buf.indexOf(FRAME_MAGIC)
      while (i !== -1) {
        const at = base + i
        if (decodeFrameHeader(this.read(at, FRAME_HEADER_BYTES))) return at
        i = buf.indexOf(FRAME_MAGIC, i + 1)
      }
      if (base + chunk >= to) break
    }
    return null
  }

  /**
   * An events frame's payload, read into one buffer kept for the purpose: decoding copies out of it (inflate
   * writes a new buffer), so it is free again for the next frame.
   */
  private readPayload(f: FrameInfo): Buffer {
    if (this.scratch.length < f.payloadBytes)
      this.scratch = Buffer.allocUnsafe(Math.max(f.payloadBytes, 2 * this.scratch.length))
    return this.readInto(this.scratch, f.offset + FRAME_HEADER_BYTES, f.payloadBytes)
  }

  private read(pos: number, len: number): Buffer {
    return this.readInto(Buffer.allocUnsafe(len), pos, len)
  }

  /** Up to `len` bytes at `pos` into the start of `b`; fewer at the end of the file. */
  private readInto(b: Buffer, pos: number, len: number): Buffer {
    let got = 0
    while (got < len) {
      const n = readSync(this.fd, b, got, len - got, pos + got)
      if (n === 0) break
      got += n
    }
    return got === b.length ? b : b.subarray(0, got)
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
