import { resolve } from 'node:path'
import { LiveSource } from '../../engine/connectors/live-source'
import type { ConnectorVenue } from '../../engine/connectors/url-override'
import { CONNECTOR_VENUES } from '../../engine/connectors/url-override'
import { SessionWriter } from '../../engine/sessions/session-writer'
import { numberOption, stringOption, UsageError } from '../args'
import type { Command } from '../command'

const HELP = `Usage: radar record --venue <id> --symbols <list> --out <session.radar> [--seconds N]

Records live market data (trades, books, mark/index/funding, open interest, liquidations, gaps and
reconnect markers) into a session file, flushed every second so a crash loses at most the last second.
Runs until N seconds have passed, or until Ctrl-C.

Options:
  --venue <id>        binanceusdm | binance | bybit | okx
  --symbols <list>    comma-separated unified symbols, e.g. BTC/USDT:USDT,ETH/USDT:USDT
  --out <file>        the new session file (must not exist)
  --seconds <n>       stop after n seconds (default: run until interrupted)

Base URLs follow RADAR_<VENUE>_REST_URL / RADAR_<VENUE>_WS_URL (e.g. a running \`radar emulate\`).
`

export const recordCommand: Command = {
  name: 'record',
  summary: 'record live market data into a session file',
  help: HELP,
  async run(args, io) {
    const venue = stringOption(args, 'venue') as ConnectorVenue | undefined
    if (!venue || !CONNECTOR_VENUES.includes(venue))
      throw new UsageError(`--venue must be one of ${CONNECTOR_VENUES.join(', ')}`)
    const symbols = (stringOption(args, 'symbols') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (symbols.length === 0) throw new UsageError('--symbols is required')
    const out = stringOption(args, 'out')
    if (!out) throw new UsageError('--out is required')
    const seconds = numberOption(args, 'seconds')
    if (seconds !== undefined && !(seconds > 0)) throw new UsageError(`--seconds must be > 0, got ${seconds}`)

    const source = new LiveSource({ watchlist: [{ venue, symbols }], log: (l) => io.stderr(`${l}\n`) })
    const writer = SessionWriter.open(
      resolve(out),
      {
        label: `Recording — ${venue} ${symbols.join(', ')}`,
        source: { kind: 'recording', format: 'live', files: [] },
        provenance: `Recorded live from ${venue}'s public market data by Leverage Radar`,
        importer: null,
      },
      { autoFlushMs: 1000 },
    )
    let events = 0
    await source.start((batch) => {
      writer.append(batch)
      events += batch.length
    })
    io.stderr(`recording ${venue} ${symbols.join(', ')} into ${resolve(out)}\n`)
    await new Promise<void>((done) => {
      const finish = (): void => {
        process.off('SIGINT', finish)
        process.off('SIGTERM', finish)
        done()
      }
      process.on('SIGINT', finish)
      process.on('SIGTERM', finish)
      if (seconds !== undefined) setTimeout(finish, seconds * 1000)
    })
    await source.stop()
    const meta = writer.close()
    io.stdout(`recorded ${events} events (${meta.eventCount} written) into ${resolve(out)}\n`)
    return 0
  },
}
