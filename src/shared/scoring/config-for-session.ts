import type { PipelineConfig } from './scoring-pipeline'

/** What a session's metadata may say about scoring it (the pairing chosen when it was imported). */
export interface SessionScoringHints {
  basisSpotVenue?: string
}

/**
 * The pipeline configuration a session is scored with: the user's settings, plus the session's own basis
 * pairing (an import option) when the user's basis setting is "auto". An explicit setting always wins; the
 * config records which applied, so the basis note can say so. Every path that opens a session (replay, seek,
 * report, export, Evidence, heatmap check) calls this, so they all score with the same settings.
 */
export function configForSession(
  config: PipelineConfig,
  meta: SessionScoringHints | null | undefined,
): PipelineConfig {
  const venue = meta?.basisSpotVenue
  if (!venue || config.scoring.basisSpotVenue) return config
  return { ...config, scoring: { ...config.scoring, basisSpotVenue: venue, basisSpotVenueFrom: 'session' } }
}
