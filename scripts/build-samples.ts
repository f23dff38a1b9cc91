/**
 * Builds the bundled sample sessions in resources/samples/ from the recorded exchange data in
 * ../shared/data (or $RADAR_DATA). Run: `npx tsx scripts/build-samples.ts`. Deterministic: the same inputs
 * give the same events; only the creation time in the metadata differs between runs.
 */
import { mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importSession, type ImportSessionOptions } from '../src/main/engine/sessions/import-session'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const data = resolve(process.env.RADAR_DATA ?? join(root, '..', 'shared', 'data'))
const outDir = join(root, 'resources', 'samples')

const HFTBACKTEST =
  'Recorded by the hftbacktest project (github.com/nkaz001/hftbacktest, examples/, MIT licence); Binance market data, Binance terms apply'

interface Sample {
  file: string
  format: string
  inputs: string[]
  opts: Omit<ImportSessionOptions, 'out'>
}

const SAMPLES: Sample[] = [
  {
    file: 'binance-btcusdt-2023-04-05.radar',
    format: 'binance-ws',
    inputs: ['binance-ws/usdm/btcusdt_20230405.dat.gz', 'binance-ws/spot/btcusdt_20230405.dat.gz'],
    opts: { label: 'Recorded sample — Binance, 2023-04-05', provenance: HFTBACKTEST, bookDepth: 20 },
  },
  {
    file: 'binance-btc-eth-2024-08-08.radar',
    format: 'binance-ws',
    inputs: [
      'binance-ws/usdm/btcusdt_20240808.gz',
      'binance-ws/usdm/ethusdt_20240808.gz',
      'binance-ws/spot/btcusdt_20240808.gz',
      'binance-ws/spot/ethusdt_20240808.gz',
    ],
    // Four busy books: 10 levels per side keeps the sample small.
    opts: {
      label: 'Recorded sample — Binance BTC & ETH, 2024-08-08 23:54–24:00',
      provenance: HFTBACKTEST,
      bookDepth: 10,
    },
  },
  {
    file: 'binance-futures-metrics-2024-05-09-week.radar',
    format: 'binance-futures-data',
    inputs: [
      'binance-futures-metrics/BTCUSDT.csv',
      'binance-futures-metrics/ETHUSDT.csv',
      'binance-futures-metrics/OPUSDT.csv',
    ],
    opts: {
      label: 'Binance futures metrics — week of 2024-05-09 (BTC, ETH, OP)',
      provenance:
        'Polled from Binance by github.com/imsatoshi/btcfuturedata (csvs/, no licence file); Binance terms apply',
      frameSpanMs: 3_600_000,
    },
  },
]

mkdirSync(outDir, { recursive: true })
for (const s of SAMPLES) {
  const out = join(outDir, s.file)
  const t0 = Date.now()
  const summary = await importSession(
    s.format,
    s.inputs.map((p) => join(data, p)),
    {
      ...s.opts,
      out,
      sourceKind: 'sample',
      overwrite: true,
      compressionLevel: 9,
    },
  )
  const mb = statSync(out).size / 1e6
  process.stdout.write(
    `${s.file}: ${summary.metadata.eventCount} events, ${mb.toFixed(2)} MB, ${Date.now() - t0} ms\n`,
  )
}
