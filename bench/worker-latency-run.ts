/**
 * Prints, as one JSON line, the scoring worker's event -> snapshot latency at 10 and 1,000 trades/s (the
 * bundled BTCUSDT recording's perp trades). Run by ui.bench.ts in its own process, since the browser bench's
 * project holds no engine code.
 */
import { join } from 'node:path'
import type { TradeEvent } from '../src/shared/market-event'
import { SessionReader } from '../src/main/engine/sessions/session-reader'
import { SAMPLES_DIR } from './bench-env'
import { eventToSnapshot } from './scoring-latency'

const r = SessionReader.open(join(SAMPLES_DIR, 'binance-btcusdt-2023-04-05.radar'))
const trades: TradeEvent[] = []
// One market's trades (the perp's): the latency probe matches sends to that market's event count.
for (const e of r.events())
  if (e.type === 'trade' && e.venue === 'binanceusdm' && e.symbol === 'BTC/USDT:USDT') trades.push(e)
r.close()
if (trades.length === 0) throw new Error('the sample holds no Binance BTC/USDT:USDT perp trades')
const at10 = await eventToSnapshot(trades, 10, 8)
const at1000 = await eventToSnapshot(trades, 1000, 4)
process.stdout.write(`${JSON.stringify({ at10, at1000 })}\n`)
