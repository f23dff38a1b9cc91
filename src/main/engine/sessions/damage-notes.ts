import { FrameType, type FrameHeader } from './format'
import type { DamageEntry } from './session-metadata'

/** Sentences for the damage a reader meets; they name bytes, events and times so a user can judge the loss. */

/** Beyond ±8.64e15 ms a Date is invalid; a crafted header can hold any double. */
export const isoOrUnknown = (ts: number | null): string =>
  ts === null || !(Math.abs(ts) <= 8.64e15) ? 'an unknown time' : new Date(ts).toISOString()

export function badFrameEntry(from: number, to: number, h: FrameHeader, why: string): DamageEntry {
  const isEvents = h.type === FrameType.events
  const known = isEvents && Number.isFinite(h.minTsMs) && Number.isFinite(h.maxTsMs)
  return {
    kind: 'bad-frame',
    fromByte: from,
    toByte: to,
    eventsLost: isEvents ? h.count : 0,
    fromTsMs: known ? h.minTsMs : null,
    toTsMs: known ? h.maxTsMs : null,
    message: isEvents
      ? `Damaged frame at bytes ${from}–${to} (${why}): lost ${h.count} events between ` +
        `${isoOrUnknown(known ? h.minTsMs : null)} and ${isoOrUnknown(known ? h.maxTsMs : null)}.`
      : `Damaged ${h.type === FrameType.meta ? 'metadata' : 'closing'} frame at bytes ${from}–${to} (${why}).`,
  }
}

export function tailEntry(pos: number, size: number, lastTs: number | null): DamageEntry {
  return {
    kind: 'truncated-tail',
    fromByte: pos,
    toByte: size,
    eventsLost: null,
    fromTsMs: lastTs,
    toTsMs: null,
    message:
      `The last ${size - pos} bytes are an incomplete frame (still being written, or the writer stopped ` +
      `mid-frame); events after ${isoOrUnknown(lastTs)} in it are not readable.`,
  }
}

export function describeGarbage(d: DamageEntry, next: { minTsMs: number } | undefined, why: string): void {
  d.toTsMs = next ? next.minTsMs : null
  d.message =
    `Bytes ${d.fromByte}–${d.toByte} are not readable frames (${d.toByte - d.fromByte} bytes skipped${why}); ` +
    `events between ${isoOrUnknown(d.fromTsMs)} and ${isoOrUnknown(d.toTsMs)} may be missing.` +
    (next ? ` Reading resumed at byte ${d.toByte}.` : ' No readable frame follows.')
}

/** One entry for a run of repeated events frames (a file joined with a copy of itself, a replayed write). */
export function duplicateEntry(prev: DamageEntry | undefined, from: number, to: number, h: FrameHeader) {
  if (prev?.kind === 'duplicate-frames') {
    prev.toByte = to
    prev.eventsLost = (prev.eventsLost ?? 0) + h.count
    prev.toTsMs = Math.max(prev.toTsMs ?? h.maxTsMs, h.maxTsMs)
    prev.fromTsMs = Math.min(prev.fromTsMs ?? h.minTsMs, h.minTsMs)
  } else {
    prev = {
      kind: 'duplicate-frames',
      fromByte: from,
      toByte: to,
      eventsLost: h.count,
      fromTsMs: h.minTsMs,
      toTsMs: h.maxTsMs,
      message: '',
    }
  }
  prev.message =
    `Damaged file: events frames repeated (bytes ${prev.fromByte}–${prev.toByte}, ${prev.eventsLost} events ` +
    `between ${isoOrUnknown(prev.fromTsMs)} and ${isoOrUnknown(prev.toTsMs)}) were skipped so no event counts twice.`
  return prev
}
