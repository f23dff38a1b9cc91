import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate'

/** One line of an input file, without its terminator; `line` is 1-based. */
export interface Line {
  text: string
  line: number
}

/** Bytes of the file read so far (compressed, as on disk), for progress. */
export interface LineReader {
  lines: AsyncGenerator<Line>
  bytesRead(): number
}

async function sniff(path: string): Promise<'gzip' | 'zip' | 'plain'> {
  const fh = await open(path, 'r')
  try {
    const b = Buffer.alloc(2)
    await fh.read(b, 0, 2, 0)
    if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip'
    if (b[0] === 0x50 && b[1] === 0x4b) return 'zip'
    return 'plain'
  } finally {
    await fh.close()
  }
}

/** The first file of a zip archive as a stream of its inflated bytes (Binance public data: one CSV a zip). */
async function* unzipFirst(source: Readable, path: string): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = []
  let picked = false
  let done = false
  let failure: Error | null = null
  const unzip = new Unzip((file) => {
    if (picked || file.name.endsWith('/')) return
    picked = true
    file.ondata = (err, chunk, final) => {
      if (err) failure = err
      else queue.push(chunk)
      if (final) done = true
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  unzip.register(UnzipPassThrough)
  for await (const chunk of source) {
    unzip.push(chunk as Uint8Array)
    if (failure) throw failure
    while (queue.length) yield queue.shift()!
  }
  unzip.push(new Uint8Array(0), true)
  if (failure) throw failure
  while (queue.length) yield queue.shift()!
  if (!picked) throw new Error(`${path}: zip archive holds no file`)
  if (!done) throw new Error(`${path}: zip archive ends inside its first file`)
}

/**
 * Streams the lines of an input file as published — plain, gzip (.gz) or a zip holding one CSV — in bounded
 * memory: only the current chunk and one partial line are held, whatever the file's size. A UTF-8 byte-order
 * mark at the start is dropped (spreadsheet exports write one), `\r\n` ends a line like `\n`, and a line longer
 * than `maxLineBytes` is refused rather than grown without bound (a binary file has no line ends).
 */
export async function readLineStream(path: string, maxLineBytes = 1 << 20): Promise<LineReader> {
  const kind = await sniff(path)
  const file = createReadStream(path, { highWaterMark: 1 << 16 })
  let bytes = 0
  // Counted as the consumer pulls: a 'data' listener would switch the file to flowing mode and lose the
  // chunks read before iteration starts.
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const c of file) {
      bytes += (c as Buffer).length
      yield c as Buffer
    }
  }
  let source: AsyncIterable<Uint8Array>
  if (kind === 'gzip') {
    const gunzip = createGunzip()
    file.on('error', (err) => gunzip.destroy(err))
    file.on('data', (c) => (bytes += (c as Buffer).length)) // piped: the pipe already drives the flow
    source = file.pipe(gunzip)
  } else source = kind === 'zip' ? unzipFirst(Readable.from(counted()), path) : counted()
  async function* lines(): AsyncGenerator<Line> {
    // TextDecoder drops a leading byte-order mark itself (ignoreBOM is false by default).
    const decoder = new TextDecoder('utf-8')
    let partial = ''
    let n = 0
    try {
      for await (const chunk of source) {
        const text = partial + decoder.decode(chunk, { stream: true })
        let start = 0
        for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
          const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
          yield { text: text.slice(start, end), line: ++n }
          start = nl + 1
        }
        partial = text.slice(start)
        if (partial.length > maxLineBytes) {
          throw new Error(`line ${n + 1} is longer than ${maxLineBytes} bytes: not a line-based text file`)
        }
      }
      partial += decoder.decode()
      if (partial.endsWith('\r')) partial = partial.slice(0, -1)
      if (partial !== '') yield { text: partial, line: ++n }
    } finally {
      file.destroy()
    }
  }
  return { lines: lines(), bytesRead: () => bytes }
}
