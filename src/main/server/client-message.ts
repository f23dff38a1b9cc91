import type { InvokeChannel } from '../../shared/api'
import { isInvokeChannel } from '../../shared/api'

/** The longest channel name of the contract is far shorter; anything longer is refused unread. */
const MAX_CHANNEL_CHARS = 64

export type ParsedClientMessage =
  | { ok: true; id: number; channel: InvokeChannel; payload: unknown }
  /** `id` is kept when it was readable, so the client's pending call is answered instead of hanging. */
  | { ok: false; id: number | null; error: string; kind: string }

/** What a value is, for an error message, without converting it: `String()` runs code a peer chose. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return `an array of ${v.length} items`
  if (typeof v === 'string') return `a string of ${v.length} characters`
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${JSON.stringify(v)}`
  return `a value of type ${typeof v}`
}

/**
 * Reads one client frame: JSON, an object with kind "invoke", a safe integer id and a channel of the contract.
 * The channel is checked by type and length before anything else touches it, so a 10,000-deep array, an
 * object with its own `toString` or a 900 KiB name is refused in constant time and never echoed.
 */
export function parseClientMessage(text: string): ParsedClientMessage {
  let msg: unknown
  try {
    msg = JSON.parse(text)
  } catch {
    return { ok: false, id: null, error: 'malformed message: not JSON', kind: 'not-json' }
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return {
      ok: false,
      id: null,
      error: `malformed message: expected an object, got ${describeValue(msg)}`,
      kind: 'not-object',
    }
  }
  const { kind, id, channel, payload } = msg as Record<string, unknown>
  if (kind !== 'invoke' || typeof id !== 'number' || !Number.isSafeInteger(id)) {
    return {
      ok: false,
      id: null,
      error: 'malformed message: expected {kind:"invoke", id:integer, channel, payload}',
      kind: 'bad-envelope',
    }
  }
  if (typeof channel !== 'string' || channel.length > MAX_CHANNEL_CHARS) {
    return {
      ok: false,
      id,
      error: `malformed message: channel must be a name of at most ${MAX_CHANNEL_CHARS} characters, got ${describeValue(channel)}`,
      kind: 'bad-channel',
    }
  }
  if (!isInvokeChannel(channel)) {
    return { ok: false, id, error: `unknown channel ${JSON.stringify(channel)}`, kind: 'unknown-channel' }
  }
  return { ok: true, id, channel, payload }
}
