/**
 * Numeric columns for the columnar session payload (docs/session-format.md, "Columnar events"). A column is
 * a list of doubles where NaN stands for null (valid events never hold NaN, so the mapping is lossless).
 * Values that are decimals with at most 9 fractional digits are stored as scaled integers, delta-coded in
 * the narrowest of 1, 2 or 4 bytes; anything else is stored as raw doubles. Every column starts on an
 * 8-byte boundary so the decoder views it in place as a typed array.
 */

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]
const MODE_F64 = 0
const MODE_DELTA = 1

/** Growing little-endian byte buffer. */
export class ByteWriter {
  buf = Buffer.allocUnsafe(1 << 16)
  len = 0

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n))
    this.buf.copy(next, 0, 0, this.len)
    this.buf = next
  }
  u8(v: number): void {
    this.ensure(1)
    this.buf[this.len++] = v
  }
  u32(v: number): void {
    this.ensure(4)
    this.buf.writeUInt32LE(v, this.len)
    this.len += 4
  }
  f64(v: number): void {
    this.ensure(8)
    this.buf.writeDoubleLE(v, this.len)
    this.len += 8
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length)
    this.buf.set(b, this.len)
    this.len += b.length
  }
  align8(): void {
    while (this.len % 8 !== 0) this.u8(0)
  }
  result(): Buffer {
    return this.buf.subarray(0, this.len)
  }
}

/** Reads what ByteWriter wrote; every read is bounds-checked, so a crafted payload throws, never overreads. */
export class ByteReader {
  pos = 0
  constructor(readonly buf: Buffer) {
    if (buf.byteOffset % 8 !== 0) this.buf = Buffer.from(buf) // typed-array views need aligned memory
  }
  private need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) throw new Error('columnar payload ends early')
  }
  u8(): number {
    this.need(1)
    return this.buf[this.pos++] as number
  }
  u32(): number {
    this.need(4)
    const v = this.buf.readUInt32LE(this.pos)
    this.pos += 4
    return v
  }
  f64(): number {
    this.need(8)
    const v = this.buf.readDoubleLE(this.pos)
    this.pos += 8
    return v
  }
  take(n: number): Buffer {
    this.need(n)
    const b = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }
  align8(): void {
    this.pos = Math.min(this.buf.length, (this.pos + 7) & ~7)
  }
  view<T>(Ctor: new (b: ArrayBuffer, off: number, n: number) => T, width: number, n: number): T {
    this.need(n * width)
    const v = new Ctor(this.buf.buffer as ArrayBuffer, this.buf.byteOffset + this.pos, n)
    this.pos += n * width
    return v
  }
}

/** Smallest power of ten (≤ 9) that makes `v` an exact integer below 2^53, or -1. */
function decimalScale(v: number): number {
  for (let k = 0; k < POW10.length; k++) {
    const p = POW10[k] as number
    const s = Math.round(v * p)
    if (Math.abs(s) <= Number.MAX_SAFE_INTEGER && s / p === v) return k
  }
  return -1
}

export function writeNumColumn(w: ByteWriter, values: ArrayLike<number>): void {
  const n = values.length
  let scale = 0
  let nulls = 0
  for (let i = 0; i < n; i++) {
    const v = values[i] as number
    if (Number.isNaN(v)) {
      nulls++
      continue
    }
    // Most values share the column's scale: only search when the current one does not fit.
    const p = POW10[scale] as number
    const s = Math.round(v * p)
    if (Math.abs(s) <= Number.MAX_SAFE_INTEGER && s / p === v) continue
    const k = decimalScale(v)
    if (k < 0 || k < scale) {
      scale = -1
      break
    }
    scale = k
  }
  w.align8()
  if (scale >= 0) {
    const p = POW10[scale] as number
    const present: number[] = []
    // Values checked at an earlier, smaller scale are checked again at the final one.
    let exact = true
    for (let i = 0; i < n; i++) {
      const v = values[i] as number
      if (Number.isNaN(v)) continue
      const s = Math.round(v * p)
      if (!Number.isSafeInteger(s) || s / p !== v) exact = false
      present.push(s)
    }
    let maxAbs = 0
    for (let j = 1; j < present.length; j++) {
      const d = Math.abs((present[j] as number) - (present[j - 1] as number))
      if (d > maxAbs) maxAbs = d
    }
    if (exact && maxAbs <= 0x7fffffff) {
      const width = maxAbs <= 0x7f ? 1 : maxAbs <= 0x7fff ? 2 : 4
      w.u8(MODE_DELTA)
      w.u8(scale)
      w.u8(width)
      w.u8(nulls > 0 ? 1 : 0)
      w.u32(present.length)
      w.f64(present[0] ?? 0)
      if (nulls > 0) {
        const mask = Buffer.allocUnsafe(n)
        for (let i = 0; i < n; i++) mask[i] = Number.isNaN(values[i] as number) ? 0 : 1
        w.bytes(mask)
      }
      w.align8()
      const out = Buffer.allocUnsafe(present.length * width)
      for (let j = 0; j < present.length; j++) {
        const d = j === 0 ? 0 : (present[j] as number) - (present[j - 1] as number)
        if (width === 1) out.writeInt8(d, j)
        else if (width === 2) out.writeInt16LE(d, j * 2)
        else out.writeInt32LE(d, j * 4)
      }
      w.bytes(out)
      return
    }
  }
  w.u8(MODE_F64)
  w.u8(0)
  w.u8(8)
  w.u8(0)
  w.u32(n)
  w.align8()
  const out = Buffer.allocUnsafe(n * 8)
  for (let i = 0; i < n; i++) out.writeDoubleLE(values[i] as number, i * 8)
  w.bytes(out)
}

/** Decodes a column of `n` values (NaN = null) written by writeNumColumn. */
export function readNumColumn(r: ByteReader, n: number): Float64Array {
  r.align8()
  const mode = r.u8()
  const scale = r.u8()
  const width = r.u8()
  const hasNulls = r.u8()
  const m = r.u32()
  if (mode === MODE_F64) {
    if (m !== n) throw new Error(`a column holds ${m} values, expected ${n}`)
    r.align8()
    return r.view(Float64Array, 8, n).slice()
  }
  if (mode !== MODE_DELTA || scale >= POW10.length || ![1, 2, 4].includes(width) || m > n)
    throw new Error('unknown column encoding')
  const base = r.f64()
  const mask = hasNulls ? r.take(n) : null
  if (!mask && m !== n) throw new Error(`a column holds ${m} values, expected ${n}`)
  r.align8()
  const deltas =
    width === 1 ? r.view(Int8Array, 1, m) : width === 2 ? r.view(Int16Array, 2, m) : r.view(Int32Array, 4, m)
  const out = new Float64Array(n)
  const p = POW10[scale] as number
  let acc = base
  if (!mask) {
    if (p === 1) {
      for (let i = 0; i < n; i++) out[i] = acc += deltas[i] as number
    } else {
      for (let i = 0; i < n; i++) out[i] = (acc += deltas[i] as number) / p
    }
    return out
  }
  let j = 0
  for (let i = 0; i < n; i++) {
    if (mask[i] === 0) out[i] = NaN
    else {
      if (j >= m) throw new Error('a column mask marks more values than it holds')
      out[i] = (acc += deltas[j++] as number) / p
    }
  }
  if (j !== m) throw new Error('a column mask marks fewer values than it holds')
  return out
}
