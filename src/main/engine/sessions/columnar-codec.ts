import { deflateRawSync } from 'node:zlib'
import type { MarketEvent, MarketEventType } from '../../../shared/market-event'
import { ByteReader, ByteWriter, readNumColumn, writeNumColumn } from './column-coding'
import { inflateBounded, MAX_FRAME_INFLATED_BYTES } from './format'
import { CROSS_CHECKED_TYPES, EVENT_FIELDS, EVENT_TYPES, fieldCheck, type Check } from './validate-event'

/**
 * Columnar events payload (encoding 2; docs/session-format.md, "Columnar events"). Per event kind, one
 * column per field: numbers as delta-coded scaled integers (column-coding.ts), strings as indices into a
 * per-frame dictionary (venues, symbols, sides repeat), trade ids as numbers when they are decimal
 * integers. An order column keeps the original interleaving of kinds. The raw bytes are deflated; the
 * payload is `u32 raw length` + deflate, and inflation stops at that length (checked, and capped).
 */

type ColKind = 'num' | 'str' | 'bool' | 'levels' | 'strs'
interface Col {
  name: string
  kind: ColKind
  optional: boolean
  /** validateEvent's own check of this field, applied column-wise on decode. */
  check: Check
}

const BASE_COLS: Omit<Col, 'check'>[] = [
  { name: 'venue', kind: 'str', optional: false },
  { name: 'symbol', kind: 'str', optional: false },
  { name: 'exchangeTsMs', kind: 'num', optional: false },
  { name: 'receiveTsMs', kind: 'num', optional: false },
]

function colKind(kind: string): ColKind {
  if (kind === 'str' || kind === 'enum') return 'str'
  if (kind === 'bool' || kind === 'levels' || kind === 'strs') return kind
  return 'num'
}

const SCHEMA = new Map<MarketEventType, Col[]>(
  EVENT_TYPES.map((t) => [
    t,
    [
      ...BASE_COLS,
      ...EVENT_FIELDS[t].map((f) => ({
        name: f.name,
        kind: colKind(f.kind),
        optional: f.kind.endsWith('?'),
      })),
    ].map((c) => ({ ...c, check: fieldCheck(t, c.name) })),
  ]),
)
const TYPE_CODE = new Map<MarketEventType, number>(EVENT_TYPES.map((t, i) => [t, i]))
/** Raw bytes per event beyond which a frame is refused: a 20-level book is ~700 bytes. */
const MAX_RAW_BYTES_PER_EVENT = 16 * 1024
const STR_DICT = 0
const STR_DECIMAL = 1
const DECIMAL_ID = /^(0|[1-9][0-9]{0,14})$/

/** Whether `e` fits the schema exactly (no missing, extra or mistyped field), so encoding loses nothing. */
function fits(e: MarketEvent, cols: Col[]): boolean {
  const o = e as unknown as Record<string, unknown>
  if (Object.keys(o).length !== cols.length + 1) return false
  for (const c of cols) {
    const v = o[c.name]
    if (c.kind === 'num') {
      if (!(typeof v === 'number' && !Number.isNaN(v)) && !(c.optional && v === null)) return false
    } else if (c.kind === 'str') {
      if (typeof v !== 'string') return false
    } else if (c.kind === 'bool') {
      if (typeof v !== 'boolean') return false
    } else if (c.kind === 'strs') {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return false
    } else if (
      !Array.isArray(v) ||
      !v.every(
        (l) => Array.isArray(l) && l.length === 2 && typeof l[0] === 'number' && typeof l[1] === 'number',
      )
    )
      return false
  }
  return true
}

/** Encodes events as a columnar payload, or returns null when one does not fit its schema (JSON then). */
export function encodeColumnar(events: readonly MarketEvent[], level = 6): Buffer | null {
  const byKind = new Map<MarketEventType, MarketEvent[]>()
  const order = Buffer.allocUnsafe(events.length)
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as MarketEvent
    const cols = SCHEMA.get(e.type)
    if (!cols || !Object.hasOwn(EVENT_FIELDS, e.type) || !fits(e, cols)) return null
    order[i] = TYPE_CODE.get(e.type) as number
    let list = byKind.get(e.type)
    if (!list) byKind.set(e.type, (list = []))
    list.push(e)
  }
  const dict = new Map<string, number>()
  const intern = (s: string) => {
    let i = dict.get(s)
    if (i === undefined) dict.set(s, (i = dict.size))
    return i
  }
  const body = new ByteWriter()
  body.u32(events.length)
  body.bytes(order)
  body.u8(byKind.size)
  for (const [type, list] of byKind) {
    body.u8(TYPE_CODE.get(type) as number)
    body.u32(list.length)
    for (const c of SCHEMA.get(type) as Col[]) writeCol(body, list, c, intern)
  }
  const raw = new ByteWriter()
  raw.u32(dict.size)
  for (const s of dict.keys()) {
    const b = Buffer.from(s, 'utf8')
    raw.u32(b.length)
    raw.bytes(b)
  }
  raw.align8()
  raw.bytes(body.result())
  const rawBytes = raw.result()
  const head = Buffer.allocUnsafe(4)
  head.writeUInt32LE(rawBytes.length)
  return Buffer.concat([head, deflateRawSync(rawBytes, { level })])
}

function writeCol(w: ByteWriter, list: MarketEvent[], c: Col, intern: (s: string) => number): void {
  const get = (e: MarketEvent) => (e as unknown as Record<string, unknown>)[c.name]
  if (c.kind === 'num') {
    writeNumColumn(
      w,
      list.map((e) => (get(e) === null ? NaN : (get(e) as number))),
    )
  } else if (c.kind === 'bool') {
    writeNumColumn(
      w,
      list.map((e) => (get(e) ? 1 : 0)),
    )
  } else if (c.kind === 'str') {
    const values = list.map((e) => get(e) as string)
    // Trade ids are mostly decimal integers: as numbers they delta-code to a byte or two.
    if (values.every((v) => DECIMAL_ID.test(v))) {
      w.u8(STR_DECIMAL)
      writeNumColumn(w, values.map(Number))
    } else {
      w.u8(STR_DICT)
      writeNumColumn(w, values.map(intern))
    }
  } else if (c.kind === 'strs') {
    const lists = list.map((e) => get(e) as string[])
    writeNumColumn(
      w,
      lists.map((l) => l.length),
    )
    writeNumColumn(w, lists.flat().map(intern))
  } else {
    const levels = list.map((e) => get(e) as [number, number][])
    writeNumColumn(
      w,
      levels.map((l) => l.length),
    )
    writeNumColumn(
      w,
      levels.flatMap((l) => l.map((x) => x[0])),
    )
    writeNumColumn(
      w,
      levels.flatMap((l) => l.map((x) => x[1])),
    )
  }
}

/** One decoded column: a value per event of its kind (numbers as doubles, NaN for null; booleans 0/1). */
type ColValues = Float64Array | string[] | string[][] | [number, number][][]

/**
 * Reads one column of `n` values and checks it as validateEvent would, column-wise (numbers: the column's
 * minimum and maximum, since every numeric check accepts an interval; strings: each distinct one), so the
 * reader can skip validateEvent for a kind whose columns all pass.
 */
function readCol(r: ByteReader, n: number, c: Col, dict: string[]): { v: ColValues; ok: boolean } {
  if (c.kind === 'num') {
    const v = readNumColumn(r, n)
    let min = Infinity
    let max = -Infinity
    let nulls = false
    for (let i = 0; i < n; i++) {
      const x = v[i]!
      if (x !== x) nulls = true
      else {
        if (x < min) min = x
        if (x > max) max = x
      }
    }
    if (nulls && !c.optional) return { v, ok: false }
    return { v, ok: min > max || (c.check(min) === null && c.check(max) === null) }
  }
  if (c.kind === 'bool') return { v: readNumColumn(r, n), ok: true }
  if (c.kind === 'str') {
    const mode = r.u8()
    const idx = readNumColumn(r, n)
    const v: string[] = new Array(n)
    let ok = true
    if (mode === STR_DECIMAL) {
      for (let i = 0; i < n; i++) {
        const str = String(idx[i])
        if (c.check(str) !== null) ok = false
        v[i] = str
      }
      return { v, ok }
    }
    if (mode !== STR_DICT) throw new Error(`unknown string column mode ${mode}`)
    const verdict = new Int8Array(dict.length) // 0 unchecked, 1 passes, 2 fails
    for (let i = 0; i < n; i++) {
      const k = idx[i]!
      const str = dict[k]
      if (str === undefined) throw new Error('a string index is outside the dictionary')
      if (verdict[k] === 0) verdict[k] = c.check(str) === null ? 1 : 2
      if (verdict[k] === 2) ok = false
      v[i] = str
    }
    return { v, ok }
  }
  const counts = readNumColumn(r, n)
  let total = 0
  for (let i = 0; i < n; i++) {
    const k = counts[i]!
    if (!(k >= 0 && k <= 1e6 && Number.isInteger(k))) throw new Error('a list length is out of range')
    total += k
  }
  if (c.kind === 'strs') {
    const idx = readNumColumn(r, total)
    const v: string[][] = new Array(n)
    let ok = true
    for (let i = 0, at = 0; i < n; i++) {
      const out: string[] = new Array(counts[i]!)
      for (let j = 0; j < out.length; j++, at++) {
        const str = dict[idx[at]!]
        if (str === undefined) throw new Error('a string index is outside the dictionary')
        out[j] = str
      }
      if (c.check(out) !== null) ok = false
      v[i] = out
    }
    return { v, ok }
  }
  const px = readNumColumn(r, total)
  const qty = readNumColumn(r, total)
  const lo: [number, number] = [Infinity, Infinity]
  const hi: [number, number] = [-Infinity, -Infinity]
  const v: [number, number][][] = new Array(n)
  for (let i = 0, at = 0; i < n; i++) {
    const out: [number, number][] = new Array(counts[i]!)
    for (let j = 0; j < out.length; j++, at++) {
      const p = px[at]!
      const q = qty[at]!
      // NaN fails every comparison: keep it visible to the check through the bounds.
      if (!(p >= lo[0])) lo[0] = p
      if (!(p <= hi[0])) hi[0] = p
      if (!(q >= lo[1])) lo[1] = q
      if (!(q <= hi[1])) hi[1] = q
      out[j] = [p, q]
    }
    v[i] = out
  }
  return { v, ok: total === 0 || c.check([lo, hi]) === null }
}

type BuildKind = (cols: ColValues[], m: number) => Record<string, unknown>[]

/**
 * Per kind, a function that builds its events row by row from the decoded columns, each as one object
 * literal with every field in schema order: the objects are born with their final shape (no property added
 * one at a time, no shape transitions), which is what the scoring code reads fastest. Generated from the
 * schema's own field names (constants of this module, never data from a file).
 */
function buildKind(type: MarketEventType, cols: Col[]): BuildKind {
  const fields = cols.map((c, k) => {
    const value =
      c.kind === 'num' ? `(x = c${k}[i]) !== x ? null : x` : c.kind === 'bool' ? `c${k}[i] === 1` : `c${k}[i]`
    return `${JSON.stringify(c.name)}: ${value}`
  })
  const load = cols.map((_, k) => `const c${k} = cols[${k}];`).join(' ')
  return new Function(
    'cols',
    'm',
    `${load} const out = new Array(m); let x;
     for (let i = 0; i < m; i++) out[i] = { type: ${JSON.stringify(type)}, ${fields.join(', ')} };
     return out;`,
  ) as BuildKind
}

const BUILD = new Map<MarketEventType, BuildKind>(
  [...SCHEMA].map(([type, cols]) => [type, buildKind(type, cols)]),
)

export interface DecodedEvents {
  events: unknown[]
  /** Per event, 1 when its fields were already checked column-wise (validateEvent would return null). */
  checked: Uint8Array | null
}

/** Decodes a columnar payload to event objects, with the events whose columns all passed their checks. */
export function decodeColumnar(payload: Uint8Array, count: number): DecodedEvents {
  if (payload.length < 4) throw new Error('columnar payload ends early')
  const rawLen = Buffer.from(payload.buffer, payload.byteOffset, 4).readUInt32LE(0)
  const limit = Math.min(MAX_FRAME_INFLATED_BYTES, count * MAX_RAW_BYTES_PER_EVENT + 65536)
  if (rawLen > limit) throw new Error(`declared raw size ${rawLen} exceeds the ${limit}-byte limit`)
  const raw = inflateBounded(payload.subarray(4), rawLen, 'events frame')
  if (raw.length !== rawLen) throw new Error(`inflates to ${raw.length} bytes, declared ${rawLen}`)
  const r = new ByteReader(raw)
  const dictSize = r.u32()
  if (dictSize > rawLen) throw new Error('bad dictionary size')
  const dict: string[] = new Array(dictSize)
  for (let i = 0; i < dictSize; i++) dict[i] = r.take(r.u32()).toString('utf8')
  r.align8()
  const n = r.u32()
  if (n !== count) throw new Error(`payload holds ${n} events, its header says ${count}`)
  const order = r.take(n)
  const kinds = r.u8()
  const perKind: { objs: Record<string, unknown>[]; next: number; ok: boolean }[] = []
  for (let k = 0; k < kinds; k++) {
    const code = r.u8()
    const type = EVENT_TYPES[code]
    if (!type || perKind[code]) throw new Error('unknown or repeated event kind code')
    const m = r.u32()
    if (m > n) throw new Error('kind count exceeds the frame')
    let ok = !CROSS_CHECKED_TYPES.has(type)
    const cols: ColValues[] = []
    for (const c of SCHEMA.get(type) as Col[]) {
      const col = readCol(r, m, c, dict)
      if (!col.ok) ok = false
      cols.push(col.v)
    }
    perKind[code] = { objs: (BUILD.get(type) as BuildKind)(cols, m), next: 0, ok }
  }
  const out: unknown[] = new Array(n)
  const checked = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const k = perKind[order[i]!]
    if (!k || k.next >= k.objs.length) throw new Error('the order column does not match the kind counts')
    out[i] = k.objs[k.next++]
    if (k.ok) checked[i] = 1
  }
  for (const k of perKind) if (k && k.next !== k.objs.length) throw new Error('a kind holds unused events')
  return { events: out, checked }
}
