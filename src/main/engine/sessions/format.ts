import { crc32, inflateRawSync } from 'node:zlib'

/**
 * Byte layout of a `.radar` session file (docs/session-format.md is the reference). Everything is
 * little-endian. A file is a 16-byte file header followed by self-delimiting frames, so a reader can walk
 * the file by headers alone, stop cleanly at a half-written tail and resynchronise after damage by
 * searching for the next frame magic whose header CRC checks out.
 */
export const FILE_MAGIC = Buffer.from('RADARSES', 'ascii')
/** Version written by this app: 2 adds columnar events frames (encoding 2). Version 1 files still read. */
export const FORMAT_VERSION = 2
export const FILE_HEADER_BYTES = 16

export const FRAME_MAGIC = Buffer.from('RFRM', 'ascii')
export const FRAME_HEADER_BYTES = 40
/** A frame larger than this is treated as a damaged header rather than trusted (guards allocation). */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024
/** More events than this in one frame is a damaged or crafted header (the writer closes frames at 8,192). */
export const MAX_FRAME_EVENTS = 1 << 20
/**
 * Inflated size limits, so a decompression bomb is refused after at most this much work: a metadata frame,
 * and per event for v1 JSON frames (a 20-level book event is under 1 KiB), capped per frame.
 */
export const MAX_META_INFLATED_BYTES = 1024 * 1024
export const MAX_JSON_BYTES_PER_EVENT = 16 * 1024
export const MAX_FRAME_INFLATED_BYTES = 128 * 1024 * 1024

export const FrameType = { events: 1, meta: 2, close: 3 } as const
export type FrameTypeCode = (typeof FrameType)[keyof typeof FrameType]

/** Payload encodings; 1 = raw deflate of UTF-8 JSON; 2 = columnar events (columnar-codec.ts). */
export const ENCODING_DEFLATE_JSON = 1
export const ENCODING_COLUMNAR = 2

export interface FrameHeader {
  type: FrameTypeCode
  encoding: number
  payloadBytes: number
  count: number
  /** Smallest and largest exchangeTsMs of the events in the frame (NaN for frames without events). */
  minTsMs: number
  maxTsMs: number
  payloadCrc: number
}

export function encodeFileHeader(version = FORMAT_VERSION): Buffer {
  const b = Buffer.alloc(FILE_HEADER_BYTES)
  FILE_MAGIC.copy(b, 0)
  b.writeUInt32LE(version, 8)
  b.writeUInt32LE(crc32(b.subarray(0, 12)), 12)
  return b
}

/** Returns the format version, or a sentence saying why the bytes are not a session file header. */
export function decodeFileHeader(b: Buffer): number | string {
  if (b.length < FILE_HEADER_BYTES)
    return `file is ${b.length} bytes, shorter than the 16-byte session header`
  if (!b.subarray(0, 8).equals(FILE_MAGIC)) return 'not a Leverage Radar session (no RADARSES header)'
  if (b.readUInt32LE(12) !== crc32(b.subarray(0, 12))) return 'session file header is damaged (CRC mismatch)'
  const version = b.readUInt32LE(8)
  if (version < 1) return `session format version ${version} does not exist`
  if (version > FORMAT_VERSION)
    return `session format version ${version} is newer than this app reads (${FORMAT_VERSION})`
  return version
}

export function encodeFrameHeader(h: FrameHeader): Buffer {
  const b = Buffer.alloc(FRAME_HEADER_BYTES)
  FRAME_MAGIC.copy(b, 0)
  b.writeUInt8(h.type, 4)
  b.writeUInt8(h.encoding, 5)
  b.writeUInt32LE(h.payloadBytes, 8)
  b.writeUInt32LE(h.count, 12)
  b.writeDoubleLE(h.minTsMs, 16)
  b.writeDoubleLE(h.maxTsMs, 24)
  b.writeUInt32LE(h.payloadCrc >>> 0, 32)
  b.writeUInt32LE(crc32(b.subarray(0, 36)), 36)
  return b
}

/** Parses a frame header; null when the magic, the header CRC or the field values do not hold. */
export function decodeFrameHeader(b: Buffer, at = 0): FrameHeader | null {
  if (b.length - at < FRAME_HEADER_BYTES) return null
  if (b.compare(FRAME_MAGIC, 0, 4, at, at + 4) !== 0) return null
  if (b.readUInt32LE(at + 36) !== crc32(b.subarray(at, at + 36))) return null
  const type = b.readUInt8(at + 4)
  if (type !== FrameType.events && type !== FrameType.meta && type !== FrameType.close) return null
  const payloadBytes = b.readUInt32LE(at + 8)
  if (payloadBytes > MAX_PAYLOAD_BYTES) return null
  return {
    type,
    encoding: b.readUInt8(at + 5),
    payloadBytes,
    count: b.readUInt32LE(at + 12),
    minTsMs: b.readDoubleLE(at + 16),
    maxTsMs: b.readDoubleLE(at + 24),
    payloadCrc: b.readUInt32LE(at + 32),
  }
}

export function payloadCrc(payload: Uint8Array): number {
  return crc32(payload) >>> 0
}

/**
 * Inflates at most `maxBytes`: a frame that grows past it is refused after bounded work instead of filling
 * memory (a 1.5 MB deflate bomb inflates to gigabytes).
 */
export function inflateBounded(payload: Uint8Array, maxBytes: number, what: string): Buffer {
  try {
    return inflateRawSync(payload, { maxOutputLength: Math.max(1, maxBytes) })
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
      throw new Error(`${what} inflates past its ${maxBytes}-byte limit (a decompression bomb or damage)`, {
        cause: err,
      })
    throw new Error(`${what} does not inflate (${(err as Error).message})`, { cause: err })
  }
}

/** Header and payload of one frame, as the single buffer a writer puts in one `write` call. */
export function encodeFrame(
  type: FrameTypeCode,
  encoding: number,
  payload: Buffer,
  count: number,
  minTsMs: number,
  maxTsMs: number,
): Buffer {
  const header = encodeFrameHeader({
    type,
    encoding,
    payloadBytes: payload.length,
    count,
    minTsMs,
    maxTsMs,
    payloadCrc: payloadCrc(payload),
  })
  return Buffer.concat([header, payload])
}
