import { z } from 'zod'
import { VENUE_IDS } from './market-event'

/** Field types without defaults: a partial update must never fill absent fields with defaults. */
const fields = {
  version: z.literal(1),
  theme: z.enum(['dark', 'light']),
  venues: z.array(z.enum(VENUE_IDS as [string, ...string[]])),
  watchlist: z.array(z.string().min(1).max(64)).max(300),
  referenceAsset: z.enum(['BTC', 'ETH']),
  /** Per-venue base URL overrides (for a local exchange emulator); empty = the venue's own. */
  baseUrls: z.record(
    z.string(),
    z.object({ rest: z.string().url().optional(), ws: z.string().url().optional() }),
  ),
  /** Market capitalisation in USD per base asset, set by hand where no public source is used. */
  marketCapUsd: z.record(z.string(), z.number().positive()),
  /** Scoring thresholds and weights that differ from the defaults in methodology.md. */
  scoringOverrides: z.record(z.string(), z.number()),
}

/**
 * The settings file's schema, shared by electron-store (desktop) and conf (browser mode / CLI): one schema,
 * one JSON file format. Every field has a default, so a partial or older file still loads.
 */
export const settingsSchema = z.object({
  version: fields.version.default(1),
  theme: fields.theme.default('dark'),
  venues: fields.venues.default(['binanceusdm', 'binance']),
  watchlist: fields.watchlist.default(['binanceusdm:BTC/USDT:USDT', 'binanceusdm:ETH/USDT:USDT']),
  referenceAsset: fields.referenceAsset.default('BTC'),
  baseUrls: fields.baseUrls.default({}),
  marketCapUsd: fields.marketCapUsd.default({}),
  scoringOverrides: fields.scoringOverrides.default({}),
})

export type Settings = z.infer<typeof settingsSchema>

/** A partial update from the UI; validated in main before it touches the file. */
export const settingsPatchSchema = z.object(fields).omit({ version: true }).partial().strict()

export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export function defaultSettings(): Settings {
  return settingsSchema.parse({})
}
