import { statSync } from 'node:fs'
import { basename } from 'node:path'
import type { MarketEvent } from '../../../../shared/market-event'
import { SPILL_CHUNK_EVENTS } from './event-spill'
import type { ImportOptions, ImportResult } from './types'

const MAX_BAD_ROWS_LISTED = 10

/**
 * A bad row's reason never carries the row's text: the notes travel to the UI, the CLI and logs, and the
 * input may be any file the user (or a caller) names, /etc/shadow included. Quoted field text is replaced by
 * its length; numbers the importer parsed and field names stay.
 */
export function withoutFileText(reason: string): string {
  return reason.replace(/"[^"]*"/g, (q) => `(${q.length - 2} characters)`)
}

/**
 * Shared bookkeeping of one import run: progress over all input bytes, cancellation, bad-row counting
 * and the result under construction. Importers call `tick` while walking lines; it yields to the event
 * loop now and then so a UI cancel (AbortSignal) is seen during a long file.
 */
export class ImportContext {
  readonly result: ImportResult
  private bytesTotal: number
  private bytesBefore = 0
  private fileBytes = 0
  private file = ''
  private lastYield = 0
  /** Events already in the spill when this run began (several inputs share one spill). */
  private readonly spilledBefore: number

  constructor(
    readonly paths: readonly string[],
    readonly opts: ImportOptions,
    provenance: string,
  ) {
    this.bytesTotal = paths.reduce((n, p) => n + statSync(p).size, 0)
    this.result = { events: [], dataQuality: [], badRowCount: 0, badRows: [], stats: {}, provenance }
    this.spilledBefore = opts.spill?.eventCount ?? 0
  }

  get fileName(): string {
    return this.file
  }

  /** Size on disk of the file being read, for progress as bytes read / size. */
  get currentFileBytes(): number {
    return this.fileBytes
  }

  get events(): MarketEvent[] {
    return this.result.events
  }

  beginFile(path: string): void {
    this.bytesBefore += this.fileBytes
    this.file = basename(path)
    this.fileBytes = statSync(path).size
    this.checkAbort()
  }

  /** Events produced so far, spilled or not. */
  get eventCount(): number {
    return (this.opts.spill?.eventCount ?? 0) - this.spilledBefore + this.result.events.length
  }

  /** Buffered events already weighed, and their weight: one per event plus one per book level. */
  private weighedTo = 0
  private weight = 0

  /**
   * Hands the buffered events to the spill once a chunk is full, so the importer holds at most one chunk. A
   * chunk is full at SPILL_CHUNK_EVENTS units of weight, a book level counting as much as an event: 50,000
   * trades, or about 1,200 books of 20 levels a side (each level an array), hold similar memory.
   */
  private async spillIfFull(force = false): Promise<void> {
    const spill = this.opts.spill
    const events = this.result.events
    const n = events.length
    if (!spill || n === 0) return
    for (let i = this.weighedTo; i < n; i++) {
      const e = events[i]!
      this.weight += e.type === 'book' ? 1 + e.bids.length + e.asks.length : 1
    }
    this.weighedTo = n
    if (!force && this.weight < SPILL_CHUNK_EVENTS) return
    this.result.events = []
    this.weighedTo = 0
    this.weight = 0
    await spill.write(events)
  }

  /** Reports progress as a fraction of the current file; yields to the event loop every ~50 ms. */
  async tick(fractionOfFile: number): Promise<void> {
    await this.spillIfFull()
    const now = Date.now()
    if (now - this.lastYield < 50) return
    this.lastYield = now
    this.opts.onProgress?.({
      bytesDone: Math.round(this.bytesBefore + this.fileBytes * fractionOfFile),
      bytesTotal: this.bytesTotal,
      file: this.file,
      eventsSoFar: this.eventCount,
    })
    await new Promise((r) => setImmediate(r))
    this.checkAbort()
  }

  /** Final progress; with a spill, writes the events still buffered (the result then holds none). */
  async finish(): Promise<void> {
    await this.spillIfFull(true)
    this.opts.onProgress?.({
      bytesDone: this.bytesTotal,
      bytesTotal: this.bytesTotal,
      file: this.file,
      eventsSoFar: this.eventCount,
    })
  }

  badRow(line: number, reason: string): void {
    this.result.badRowCount++
    if (this.result.badRows.length < MAX_BAD_ROWS_LISTED)
      this.result.badRows.push({ file: this.file, line, reason: withoutFileText(reason) })
  }

  note(sentence: string): void {
    if (!this.result.dataQuality.includes(sentence)) this.result.dataQuality.push(sentence)
  }

  count(stat: string, n = 1): void {
    this.result.stats[stat] = (this.result.stats[stat] ?? 0) + n
  }

  private checkAbort(): void {
    if (this.opts.signal?.aborted) throw new DOMException('import cancelled', 'AbortError')
  }
}
