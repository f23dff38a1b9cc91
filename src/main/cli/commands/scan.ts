import type { MarketEvent } from '../../../shared/market-event'
import { isPerpSymbol, marketKey } from '../../../shared/market-event'
import { SPIKE_PROBABILITY_IDS, spikeOddsLines } from '../../../shared/scoring/calibration/lsi-calibration'
import type { Metric } from '../../../shared/scoring/snapshot'
import type { PipelineConfig } from '../../../shared/scoring/scoring-pipeline'
import { reportPipeline } from '../../engine/sessions/replay-report'
import { buildScanSnapshot } from '../../engine/connectors/scan-snapshot'
import type { ConnectorVenue } from '../../engine/connectors/url-override'
import { CONNECTOR_VENUES } from '../../engine/connectors/url-override'
import { numberOption, stringOption, UsageError } from '../args'
import type { Command } from '../command'
import { configForUserData } from './user-data-config'

const HELP = `Usage: radar scan --venue <id> --symbols <list> [--seconds N] [--spot-venue <id>] [--json]
       [--user-data <dir>]

Connects to one venue's live streams, collects for N seconds, and prints one normalized snapshot per market:
last, mark, index, funding per period / per hour / APR, funding interval, next funding time, OI in contracts
and USD, paired spot price and basis, best bid/ask, age of the newest event per metric, event counts, gaps
and dropped frames; then the stress index scored from those seconds, with its coverage, and read as the
probability of a long / short liquidation spike in 4 h beside the usual rate (none while the index is partial,
as it is without history: the scan does not backfill).

Options:
  --venue <id>        binanceusdm | binance | bybit | okx
  --symbols <list>    comma-separated unified symbols or bases: BTC/USDT:USDT,ETH  (a bare base means its
                      USDT perp, or its USDT spot market on binance)
  --seconds <n>       collection time (default 10)
  --spot-venue <id>   where the paired spot market is read (default: binance for binanceusdm, else the venue)
  --json              print JSON (default: one line per market)
  --user-data <dir>   score with the settings saved in this folder (default: built-in defaults)

Base URLs follow RADAR_<VENUE>_REST_URL / RADAR_<VENUE>_WS_URL (e.g. a running \`radar emulate\`).

Example:
  radar scan --venue binanceusdm --symbols BTC --seconds 15 --json
`

function unify(venue: ConnectorVenue, s: string): string {
  if (s.includes('/')) return s
  return venue === 'binance' ? `${s.toUpperCase()}/USDT` : `${s.toUpperCase()}/USDT:USDT`
}

/** The stress index and its spike probabilities of one market, as the scan scored them. */
interface ScanStress {
  lsi: Metric | null
  longSpike4h: Metric | null
  shortSpike4h: Metric | null
}

/** Scores the scanned events through the radar's own pipeline (with the user's settings when given). */
function scoreScan(
  events: MarketEvent[],
  config: PipelineConfig,
): (venue: ConnectorVenue, symbol: string) => ScanStress {
  const pipeline = reportPipeline(config)
  pipeline.push([...events].sort((a, b) => a.exchangeTsMs - b.exchangeTsMs))
  const snaps = pipeline.snapshotAll()
  return (venue, symbol) => {
    const m = snaps.find((x) => x.key === marketKey(venue, symbol))?.metrics ?? {}
    return {
      lsi: m['lsi'] ?? null,
      longSpike4h: m[SPIKE_PROBABILITY_IDS.long] ?? null,
      shortSpike4h: m[SPIKE_PROBABILITY_IDS.short] ?? null,
    }
  }
}

function stressLines(s: ScanStress): string[] {
  const lsi = s.lsi
  const cov = lsi?.coverage
  const coverage = cov
    ? ` on ${cov.present} of ${cov.total} inputs (${Math.round(100 * cov.weightShare)} % of the weight)`
    : ''
  const head =
    lsi?.value != null
      ? `stress ${lsi.value.toFixed(0)}${coverage}`
      : `stress n/a${coverage}${lsi?.reason ? `: ${lsi.reason}` : ''}`
  return [
    head,
    ...spikeOddsLines({
      [SPIKE_PROBABILITY_IDS.long]: s.longSpike4h ?? undefined,
      [SPIKE_PROBABILITY_IDS.short]: s.shortSpike4h ?? undefined,
    }),
  ]
}

export const scanCommand: Command = {
  name: 'scan',
  summary: 'collect live data from one venue for N seconds and print a snapshot per market',
  help: HELP,
  flags: ['json'],
  async run(args, io) {
    const venue = stringOption(args, 'venue') as ConnectorVenue | undefined
    if (!venue || !CONNECTOR_VENUES.includes(venue))
      throw new UsageError(`--venue must be one of ${CONNECTOR_VENUES.join(', ')}`)
    const list = stringOption(args, 'symbols')
    if (!list) throw new UsageError('--symbols is required')
    const seconds = numberOption(args, 'seconds') ?? 10
    if (!(seconds > 0)) throw new UsageError(`--seconds must be > 0, got ${seconds}`)
    const spotVenue = (stringOption(args, 'spot-venue') ??
      (venue === 'binanceusdm' ? 'binance' : venue)) as ConnectorVenue
    if (!CONNECTOR_VENUES.includes(spotVenue))
      throw new UsageError(`--spot-venue must be one of ${CONNECTOR_VENUES.join(', ')}`)
    const symbols = list
      .split(',')
      .map((s) => unify(venue, s.trim()))
      .filter((s) => s !== '/USDT')
    const spotOf = (s: string) => s.split(':')[0] as string
    const watchlist = [{ venue, symbols }]
    const spots = symbols.filter(isPerpSymbol).map(spotOf)
    if (spots.length > 0 && spotVenue !== 'binanceusdm') watchlist.push({ venue: spotVenue, symbols: spots })
    // The connectors (ccxt, most of a second to load) only once the options are known to be good.
    const { LiveSource } = await import('../../engine/connectors/live-source')
    const source = new LiveSource({ watchlist, backfill: false, log: (l) => io.stderr(`${l}\n`) })
    const events: MarketEvent[] = []
    await source.start((batch) => {
      for (const e of batch) if (e.type !== 'book' || events.length < 200_000) events.push(e)
    })
    await new Promise((r) => setTimeout(r, seconds * 1000))
    const statuses = source.venueStatuses()
    await source.stop()
    const { config, notes } = await configForUserData(args)
    for (const n of notes) io.stderr(`note: ${n}\n`)
    const stress = scoreScan(events, config)
    const now = Date.now()
    const snapshots = symbols.map((symbol) => {
      const own = events.filter((e) => e.venue === venue && e.symbol === symbol)
      const spot = isPerpSymbol(symbol)
        ? events.filter((e) => e.venue === spotVenue && e.symbol === spotOf(symbol))
        : []
      const status = statuses.find((s) => s.venue === venue)
      return {
        ...buildScanSnapshot(venue, symbol, own, spot, now),
        droppedFrames: status?.counts.droppedFrames ?? 0,
        venueState: status?.state ?? null,
        venueMessage: status?.message ?? null,
        stress: stress(venue, symbol),
      }
    })
    if (args.options.has('json')) io.stdout(`${JSON.stringify(snapshots, null, 2)}\n`)
    else {
      for (const s of snapshots) {
        io.stdout(
          `${s.venue} ${s.symbol}: last ${s.last ?? 'n/a'} mark ${s.mark ?? 'n/a'} funding/h ${s.fundingRatePerHour ?? 'n/a'} ` +
            `OI ${s.oiContracts ?? 'n/a'} basis ${s.basisBps === null ? 'n/a' : `${s.basisBps.toFixed(2)} bps`} ` +
            `bid/ask ${s.bestBid ?? 'n/a'}/${s.bestAsk ?? 'n/a'} gaps ${s.gaps} dropped ${s.droppedFrames}\n`,
        )
        for (const line of stressLines(s.stress)) io.stdout(`  ${line}\n`)
      }
    }
    return snapshots.every((s) => s.last !== null || s.bestBid !== null) ? 0 : 1
  },
}
