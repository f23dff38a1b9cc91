import { statSync, type Stats } from 'node:fs'
import { basename } from 'node:path'
import { ImportRefused } from './types'

const MB = 1024 * 1024
const GB = 1024 * MB

/**
 * Largest input file each format takes, on disk. Every format is streamed line by line into on-disk runs, so
 * memory stays bounded whatever the size (futures-data keeps one row per bar to merge repeated polls, a Vision
 * bookDepth file its day of snapshots for the quality notes, funding-csv one time per row for its schedule
 * check); the limit only stops a mistaken input from filling the disk with its spill.
 */
export const MAX_INPUT_BYTES: Record<string, number> = {
  'funding-csv': 64 * GB,
  'binance-ws': 64 * GB,
  'binance-vision': 64 * GB,
  'binance-futures-data': 64 * GB,
  tardis: 64 * GB,
  bars: 64 * GB,
}
const DEFAULT_MAX_INPUT_BYTES = 64 * GB

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory'
  if (st.isFIFO()) return 'a FIFO (named pipe)'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device'
  if (st.isSocket()) return 'a socket'
  return 'not a regular file'
}

/**
 * Refuses, before any byte is read, every input that is not a regular file (a device such as /dev/zero never
 * ends, a FIFO blocks the reader for ever), is empty, or is larger than its format takes. Returns the sizes.
 */
export function checkInputFiles(format: string, paths: readonly string[]): number[] {
  const max = MAX_INPUT_BYTES[format] ?? DEFAULT_MAX_INPUT_BYTES
  return paths.map((p) => {
    let st: Stats
    try {
      st = statSync(p)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      throw new ImportRefused(`${p}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`)
    }
    if (!st.isFile()) throw new ImportRefused(`${p} is ${kindOf(st)}: imports read regular files only`)
    if (st.size === 0) throw new ImportRefused(`${basename(p)}: the file is empty`)
    if (st.size > max) {
      throw new ImportRefused(
        `${basename(p)}: ${(st.size / MB).toFixed(0)} MB is over the ${(max / MB).toFixed(0)} MB a ${format} import takes`,
      )
    }
    return st.size
  })
}
