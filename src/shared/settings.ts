import { z } from 'zod'
import { VENUE_IDS } from './market-event'

/**
 * The settings file's schema, shared by electron-store (desktop) and conf (browser mode / CLI): one schema,
 * one JSON file format. Every field has a default, so a partial or older file still loads.
 */
export const settingsSchema = z.object({
  version: z.literal(1).default(1),
  theme: z.enum(['dark', 'light']).default('dark'),
  venues: z.array(z.enum(VENUE_IDS as [string, ...string[]])).default(['binanceusdm', 'binance']),
  watchlist: z
    .array(z.string().min(1).max(64))
    .max(300)
    .default(['binanceusdm:BTC/USDT:USDT', 'binanceusdm:ETH/USDT:USDT']),
  referenceAsset: z.enum(['BTC', 'ETH']).default('BTC'),
  /** Per-venue base URL overrides (for a local exchange emulator); empty = the venue's own. */
  baseUrls: z
    .record(z.string(), z.object({ rest: z.string().url().optional(), ws: z.string().url().optional() }))
    .default({}),
  /** Market capitalisation in USD per base asset, set by hand where no public source is used. */
  marketCapUsd: z.record(z.string(), z.number().positive()).default({}),
  /** Scoring thresholds and weights that differ from the defaults in methodology.md. */
  scoringOverrides: z.record(z.string(), z.number()).default({}),
})

export type Settings = z.infer<typeof settingsSchema>

/** A partial update from the UI; validated in main before it touches the file. */
export const settingsPatchSchema = settingsSchema.partial().strict()

export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export function defaultSettings(): Settings {
  return settingsSchema.parse({})
}
