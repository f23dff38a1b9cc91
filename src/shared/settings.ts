import { z } from 'zod'
import { HEATMAP_CALIBRATION } from './heatmap/heatmap-calibration'
import { LIVE_VENUE_IDS, VENUE_IDS } from './market-event'

/** Field types without defaults: a partial update must never fill absent fields with defaults. */
const fields = {
  version: z.literal(1),
  theme: z.enum(['dark', 'light']),
  venues: z.array(z.enum(LIVE_VENUE_IDS as [string, ...string[]])),
  watchlist: z.array(z.string().min(1).max(64)).max(300),
  /** 'auto': the top perps by OI per enabled venue (see watchlist-auto.ts); 'mine': `watchlist` as edited. */
  watchlistMode: z.enum(['auto', 'mine']),
  referenceAsset: z.enum(['BTC', 'ETH']),
  /**
   * Venue whose spot market a perp's basis is measured against (Coinbase for a Binance perp, say); 'auto' pairs
   * with the perp's own venue family first, then any spot market of the same base.
   */
  basisSpotVenue: z.enum(['auto', ...VENUE_IDS] as [string, ...string[]]),
  /** Per-venue base URL overrides (for a local exchange emulator); empty = the venue's own. */
  baseUrls: z.record(
    z.string(),
    z.object({ rest: z.string().url().optional(), ws: z.string().url().optional() }),
  ),
  /** Market capitalisation in USD per base asset, set by hand where no public source is used. */
  marketCapUsd: z.record(z.string(), z.number().positive()),
  /** Where market caps come from besides Settings: none, or CoinGecko's public API (an outside service). */
  marketCapSource: z.enum(['manual', 'coingecko']),
  /** Scoring thresholds and weights that differ from the defaults in methodology.md. */
  scoringOverrides: z.record(z.string(), z.number()),
  /** Desktop app only: check the project's GitHub releases at start and daily, install on quit. */
  checkForUpdates: z.boolean(),
  /** The liquidation heatmap's assumptions (an estimate's inputs, not facts); see methodology-heatmap.md. */
  heatmap: z
    .object({
      levels: z
        .array(z.object({ leverage: z.number().min(1).max(200), weight: z.number().min(0).max(1) }).strict())
        .min(1)
        .max(12)
        .refine((l) => Math.abs(l.reduce((a, x) => a + x.weight, 0) - 1) < 1e-6, 'weights must add up to 1'),
      cellPct: z.number().gt(0).max(5),
      decayHalfLifeHours: z
        .number()
        .gt(0)
        .max(24 * 365),
      positionNotionalUsd: z.number().gt(0).max(1e9),
      /** Spread of each leverage's margin fraction and of entries over a bar's range; absent = fitted default. */
      leverageSpread: z.number().min(0).lt(1).optional(),
      priceSpread: z.enum(['triangular', 'point']).optional(),
    })
    .strict(),
}

/** The watchlist every settings file held before the watchlist had a mode (the old default, written on first run). */
const LEGACY_DEFAULT_WATCHLIST = ['binanceusdm:BTC/USDT:USDT', 'binanceusdm:ETH/USDT:USDT'] as const

/**
 * A file written before the watchlist had a mode keeps its list as 'mine' when the user changed it; one that
 * holds no list or the old default untouched (every file got it on first run) takes the new default, 'auto'.
 */
function migrateWatchlistMode(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || 'watchlistMode' in raw) return raw
  const list = (raw as { watchlist?: unknown }).watchlist
  if (list === undefined) return raw
  const untouched =
    Array.isArray(list) &&
    list.length === LEGACY_DEFAULT_WATCHLIST.length &&
    LEGACY_DEFAULT_WATCHLIST.every((k) => list.includes(k))
  return { ...raw, watchlistMode: untouched ? 'auto' : 'mine' }
}

/**
 * The settings file's schema, shared by electron-store (desktop) and conf (browser mode / CLI): one schema,
 * one JSON file format. Every field has a default, so a partial or older file still loads.
 */
const settingsObject = z.object({
  version: fields.version.default(1),
  theme: fields.theme.default('dark'),
  venues: fields.venues.default(['binanceusdm', 'binance']),
  watchlist: fields.watchlist.default([...LEGACY_DEFAULT_WATCHLIST]),
  watchlistMode: fields.watchlistMode.default('auto'),
  referenceAsset: fields.referenceAsset.default('BTC'),
  basisSpotVenue: fields.basisSpotVenue.default('auto'),
  baseUrls: fields.baseUrls.default({}),
  marketCapUsd: fields.marketCapUsd.default({}),
  marketCapSource: fields.marketCapSource.default('manual'),
  scoringOverrides: fields.scoringOverrides.default({}),
  checkForUpdates: fields.checkForUpdates.default(true),
  // Fitted defaults; where they come from: HEATMAP_CALIBRATION.provenance (src/shared/heatmap).
  heatmap: fields.heatmap.default({
    levels: HEATMAP_CALIBRATION.levels.map((l) => ({ ...l })),
    cellPct: 0.1,
    decayHalfLifeHours: HEATMAP_CALIBRATION.decayHalfLifeHours,
    positionNotionalUsd: HEATMAP_CALIBRATION.positionNotionalUsd,
  }),
})

export const settingsSchema = z.preprocess(migrateWatchlistMode, settingsObject)

export type Settings = z.infer<typeof settingsSchema>

/** A partial update from the UI; validated in main before it touches the file. */
export const settingsPatchSchema = z.object(fields).omit({ version: true }).partial().strict()

export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export function defaultSettings(): Settings {
  return settingsSchema.parse({})
}
