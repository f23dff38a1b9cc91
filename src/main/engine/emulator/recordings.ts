import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { join } from 'node:path'
import { decompress } from 'fzstd'

/** Root of the recorded exchange data shipped beside the repository. */
export const DEFAULT_DATA_DIR = process.env.RADAR_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data')

/** One recorded WebSocket payload: when it was received and the raw JSON text the venue sent. */
export interface RecordedFrame {
  recvMs: number
  /** Stream or topic name the frame belongs to (Binance `btcusdt@trade`, Bybit `tickers.BTCUSDT`). */
  stream: string
  /** The payload exactly as recorded (for Binance: the inner `data` of the combined stream). */
  text: string
}

/** Stream name given to the REST depth snapshots some hftbacktest files carry between the stream lines. */
export const DEPTH_SNAPSHOT_STREAM = 'depthSnapshot'

/**
 * hftbacktest format: `<receive time> <combined-stream JSON>` per line, gzip. The 2023 files stamp µs, the
 * 2024 files ns (19 digits), so the unit is told by magnitude. A line holding `{lastUpdateId,bids,asks}` is
 * the REST depth snapshot the recorder fetched; it is kept as a DEPTH_SNAPSHOT_STREAM frame.
 */
export function readBinanceWsFile(path: string): RecordedFrame[] {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n')
  const frames: RecordedFrame[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    if (line.length === 0) continue
    const sp = line.indexOf(' ')
    const stamp = Number(line.slice(0, sp))
    const recvMs = stamp > 1e17 ? stamp / 1e6 : stamp / 1e3
    const body = JSON.parse(line.slice(sp + 1)) as {
      stream?: unknown
      data?: unknown
      lastUpdateId?: unknown
    }
    if (Number.isFinite(stamp) && typeof body.lastUpdateId === 'number') {
      frames.push({ recvMs, stream: DEPTH_SNAPSHOT_STREAM, text: line.slice(sp + 1) })
      continue
    }
    if (!Number.isFinite(stamp) || typeof body.stream !== 'string' || typeof body.data !== 'object') {
      throw new Error(`${path}:${i + 1}: not a "<time> {stream,data}" line`)
    }
    frames.push({ recvMs, stream: body.stream, text: JSON.stringify(body.data) })
  }
  return frames
}

/** cryptofeed sample_data entry (`*.jsonl.zst`). */
export interface CapturedEntry {
  t: 'header' | 'http' | 'connect' | 'send' | 'recv'
  conn?: string
  ts?: number
  url?: string
  data?: string
}

export function readCaptureFile(path: string): CapturedEntry[] {
  const text = new TextDecoder().decode(decompress(readFileSync(path)))
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l, i) => {
      try {
        return JSON.parse(l) as CapturedEntry
      } catch {
        throw new Error(`${path}:${i + 1}: not JSON`)
      }
    })
}

/** `<url> -> <ts>: <json>` lines of BINANCE_FUTURES.0 (REST exchangeInfo and depth snapshots). */
export function readBinanceRestCapture(path: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const arrow = line.indexOf(' -> ')
    if (arrow < 0) continue
    const colon = line.indexOf(': ', arrow)
    out.set(line.slice(0, arrow), line.slice(colon + 2))
  }
  return out
}

export function dataPath(dataDir: string, ...parts: string[]): string {
  return join(dataDir, ...parts)
}
