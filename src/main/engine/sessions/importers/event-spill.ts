import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MarketEvent } from '../../../../shared/market-event'
import { readLineStream, type Line } from './line-stream'

/** Events an importer may hold before they go to disk: bounds memory for any input size. */
export const SPILL_CHUNK_EVENTS = 50_000

interface Run {
  path: string
  out: WriteStream
  lastTsMs: number
}

/**
 * Keeps an import's events on disk in time-sorted runs, then hands them back merged in time order: an
 * external merge sort, so memory holds one chunk while importing and one event per run while merging,
 * whatever the input's size. Inputs that are already in time order (every exchange export is, file by file)
 * make one run per file; a chunk that starts before its run's end opens a new run.
 */
export class EventSpill {
  private readonly dir = mkdtempSync(join(tmpdir(), 'radar-import-'))
  private readonly runs: Run[] = []
  private current: Run | null = null
  private pendingWrites: Promise<void> = Promise.resolve()
  eventCount = 0

  /** A new input begins: its events start a run of their own. */
  newInput(): void {
    this.current = null
  }

  /** Sorts a chunk by exchange time (stable) and appends it to the current run or a new one. */
  async write(chunk: MarketEvent[]): Promise<void> {
    if (chunk.length === 0) return
    chunk.sort((a, b) => a.exchangeTsMs - b.exchangeTsMs)
    let run = this.current
    if (!run || chunk[0]!.exchangeTsMs < run.lastTsMs) {
      const path = join(this.dir, `run-${this.runs.length}.ndjson`)
      run = { path, out: createWriteStream(path), lastTsMs: -Infinity }
      this.runs.push(run)
      this.current = run
    }
    run.lastTsMs = chunk[chunk.length - 1]!.exchangeTsMs
    this.eventCount += chunk.length
    let text = ''
    for (const e of chunk) text += JSON.stringify(e) + '\n'
    const out = run.out
    await this.pendingWrites
    // Waiting for the drain keeps at most one chunk of text buffered in the stream.
    this.pendingWrites = new Promise((resolve, reject) => {
      out.write(text, (err) => (err ? reject(err) : resolve()))
    })
    await this.pendingWrites
  }

  /**
   * Every event written, in exchange-time order (equal times: run order, then order within the run), in
   * batches; `texts` holds each event's JSON as spilled, a ready key for duplicate checks.
   */
  async *merged(batchSize = 4096): AsyncGenerator<{ events: MarketEvent[]; texts: string[] }> {
    await this.pendingWrites
    await Promise.all(this.runs.map((r) => new Promise<void>((res) => r.out.end(res))))
    const readers: AsyncGenerator<Line>[] = []
    for (const r of this.runs) readers.push((await readLineStream(r.path, 1 << 26)).lines)
    // Heads of each run in a binary heap keyed by (time, run index).
    const heads: { ev: MarketEvent; text: string; run: number }[] = []
    const less = (a: (typeof heads)[number], b: (typeof heads)[number]): boolean =>
      a.ev.exchangeTsMs < b.ev.exchangeTsMs || (a.ev.exchangeTsMs === b.ev.exchangeTsMs && a.run < b.run)
    const up = (i: number): void => {
      while (i > 0) {
        const p = (i - 1) >> 1
        if (!less(heads[i]!, heads[p]!)) return
        ;[heads[i], heads[p]] = [heads[p]!, heads[i]!]
        i = p
      }
    }
    const down = (i: number): void => {
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < heads.length && less(heads[l]!, heads[m]!)) m = l
        if (r < heads.length && less(heads[r]!, heads[m]!)) m = r
        if (m === i) return
        ;[heads[i], heads[m]] = [heads[m]!, heads[i]!]
        i = m
      }
    }
    const next = async (run: number): Promise<(typeof heads)[number] | null> => {
      const n = await readers[run]!.next()
      return n.done ? null : { ev: JSON.parse(n.value.text) as MarketEvent, text: n.value.text, run }
    }
    for (let i = 0; i < readers.length; i++) {
      const h = await next(i)
      if (h) {
        heads.push(h)
        up(heads.length - 1)
      }
    }
    let batch: MarketEvent[] = []
    let texts: string[] = []
    while (heads.length > 0) {
      const top = heads[0]!
      batch.push(top.ev)
      texts.push(top.text)
      const h = await next(top.run)
      if (h) {
        heads[0] = h
      } else {
        heads[0] = heads[heads.length - 1]!
        heads.pop()
      }
      if (heads.length) down(0)
      if (batch.length >= batchSize) {
        yield { events: batch, texts }
        batch = []
        texts = []
      }
    }
    if (batch.length) yield { events: batch, texts }
  }

  /** Removes the runs; safe to call more than once. */
  dispose(): void {
    for (const r of this.runs) r.out.destroy()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
