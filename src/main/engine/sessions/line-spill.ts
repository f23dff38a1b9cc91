import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StringDecoder } from 'node:string_decoder'

const WRITE_BATCH = 1024
const READ_CHUNK = 1 << 20

/**
 * JSON values spilled to a temporary file and read back in order, so a pass that learns its columns as it
 * goes (an export's metric names) holds one line in memory, not every row of a long session.
 */
export class LineSpill<T> {
  private readonly dir = mkdtempSync(join(tmpdir(), 'radar-spill-'))
  private readonly path = join(this.dir, 'rows.jsonl')
  private fd: number | null = openSync(this.path, 'w')
  private pending: string[] = []
  count = 0

  push(value: T): void {
    this.pending.push(JSON.stringify(value))
    this.count++
    if (this.pending.length >= WRITE_BATCH) this.flush()
  }

  /** Every value pushed, in order; the file is removed once they have all been read (or on `dispose`). */
  *drain(): Generator<T> {
    this.flush()
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    const fd = openSync(this.path, 'r')
    try {
      const buf = Buffer.alloc(READ_CHUNK)
      // A chunk may end inside a multi-byte character: the decoder keeps its first bytes for the next one.
      const decoder = new StringDecoder('utf8')
      let rest = ''
      for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
        const lines = (rest + decoder.write(buf.subarray(0, n))).split('\n')
        rest = lines.pop()!
        for (const line of lines) if (line) yield JSON.parse(line) as T
      }
      if (rest) yield JSON.parse(rest) as T
    } finally {
      closeSync(fd)
      this.dispose()
    }
  }

  dispose(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    rmSync(this.dir, { recursive: true, force: true })
  }

  private flush(): void {
    if (this.pending.length && this.fd !== null) writeSync(this.fd, `${this.pending.join('\n')}\n`)
    this.pending = []
  }
}
