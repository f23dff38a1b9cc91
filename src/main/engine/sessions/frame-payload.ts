import { decodeColumnar, type DecodedEvents } from './columnar-codec'
import {
  ENCODING_COLUMNAR,
  ENCODING_DEFLATE_JSON,
  inflateBounded,
  MAX_FRAME_INFLATED_BYTES,
  MAX_JSON_BYTES_PER_EVENT,
  MAX_META_INFLATED_BYTES,
  type FrameHeader,
} from './format'

/** Decodes a metadata frame's payload to an untrusted value (validated by the caller). */
export function decodeMetaPayload(payload: Uint8Array, encoding: number): unknown {
  if (encoding !== ENCODING_DEFLATE_JSON) throw new Error(`unknown metadata encoding ${encoding}`)
  return JSON.parse(inflateBounded(payload, MAX_META_INFLATED_BYTES, 'metadata').toString('utf8'))
}

/**
 * Decodes an events frame to untrusted event values; the count must match the header's, so a header can
 * neither hide events nor make the reader trust a payload of another frame.
 */
export function decodeEventsPayload(payload: Uint8Array, h: FrameHeader): DecodedEvents {
  let events: unknown
  let checked: Uint8Array | null = null
  if (h.encoding === ENCODING_DEFLATE_JSON) {
    const limit = Math.min(MAX_FRAME_INFLATED_BYTES, h.count * MAX_JSON_BYTES_PER_EVENT + 4096)
    events = JSON.parse(inflateBounded(payload, limit, 'events frame').toString('utf8'))
    if (!Array.isArray(events)) throw new Error('payload is not an event list')
  } else if (h.encoding === ENCODING_COLUMNAR) {
    ;({ events, checked } = decodeColumnar(payload, h.count))
  } else {
    throw new Error(`unknown payload encoding ${h.encoding}`)
  }
  const n = (events as unknown[]).length
  if (n !== h.count) throw new Error(`payload holds ${n} events, its header says ${h.count}`)
  return { events: events as unknown[], checked }
}
