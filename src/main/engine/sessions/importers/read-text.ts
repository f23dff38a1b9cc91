import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { unzipSync } from 'fflate'
import { MAX_INFLATED_BYTES } from './input-files'
import { ImportRefused } from './types'

/**
 * The text of an input file as published: plain, gzip (.gz) or a zip holding one CSV (Binance public data).
 * Returns lines without line terminators; a trailing empty line is dropped.
 */
export function readLines(path: string): string[] {
  const raw = readFileSync(path)
  let text: string
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      text = gunzipSync(raw, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw err
      throw new ImportRefused(
        `${basename(path)}: inflates beyond ${MAX_INFLATED_BYTES >> 20} MB; too large to read whole`,
      )
    }
  } else if (raw[0] === 0x50 && raw[1] === 0x4b) {
    const filter = (f: { name: string; originalSize: number }): boolean => {
      if (f.originalSize > MAX_INFLATED_BYTES)
        throw new ImportRefused(`${basename(path)}: ${f.name} inflates beyond ${MAX_INFLATED_BYTES >> 20} MB`)
      return true
    }
    const entries = Object.entries(unzipSync(raw, { filter })).filter(([name]) => !name.endsWith('/'))
    if (entries.length === 0) throw new Error(`${path}: zip archive holds no file`)
    text = Buffer.from(entries[0]![1]).toString('utf8')
  } else {
    text = raw.toString('utf8')
  }
  // A byte-order mark (spreadsheet exports) would otherwise glue itself to the first header name.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const lines = text.split(/\r?\n/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** A CSV header row starts with a non-numeric first field (Binance files exist with and without headers). */
export function isHeaderRow(line: string): boolean {
  const first = line.split(',', 1)[0]?.trim() ?? ''
  return first !== '' && !/^-?\d/.test(first)
}

/** Parses a numeric CSV field; empty means missing (null), never zero. */
export function num(field: string | undefined): number | null {
  if (field === undefined) return null
  const t = field.trim()
  if (t === '') return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}
