import { z } from 'zod'
import type { MarketSnapshot } from './scoring/snapshot'
import type { Settings } from './settings'
import { settingsPatchSchema } from './settings'
import type { EngineStatus, Notice } from './engine-status'
import type { EventChannel, EventSubscriberName, InvokeChannel } from './api-channels'
import { INVOKE_CHANNELS } from './api-channels'

import type { ImportProgress, RecordingStatus, ReplayPosition, SessionSummary } from './contract/sessions'
import { sessionRequests } from './contract/sessions'
import type { MarketSeries, SeriesUpdate } from './contract/series'
import { seriesRequests } from './contract/series'
import type { JournalEntry } from './contract/journal'
import { journalRequests } from './contract/journal'
import type { AlertFired, AlertRule } from './contract/alerts'
import { alertRequests } from './contract/alerts'
import type { CoinMapView, HeatmapView } from './contract/heatmap'
import { heatmapRequests } from './contract/heatmap'
import type { HeatmapCheckInvokeResponses } from './contract/heatmap-check'
import { heatmapCheckRequests } from './contract/heatmap-check'
import type { LeverageTiersView, VenueProbe } from './contract/markets'
import { marketRequests } from './contract/markets'
import type { EvidenceEventPayloads, EvidenceInvokeResponses } from './contract/evidence'
import { evidenceRequests } from './contract/evidence'
import type { UniverseEventPayloads, UniverseInvokeResponses } from './contract/universe'
import { universeRequests } from './contract/universe'

export * from './api-channels'

/**
 * The whole renderer <-> main contract. One map types main's handlers, the Electron preload and the
 * browser-mode WebSocket client; nothing outside it can be asked of main.
 */

const noArgs = z.undefined()

/** Request schemas: every payload from the renderer is parsed with these in main before use. */
export const invokeRequestSchemas = {
  getAppInfo: noArgs,
  getEngineStatus: noArgs,
  getSnapshots: noArgs,
  getSettings: noArgs,
  updateSettings: settingsPatchSchema,
  /** Test and support aid, refused unless the engine was started with diagnostics on. */
  simulateWorkerFault: z.object({ fault: z.enum(['crash', 'hang']) }).strict(),
  ...sessionRequests,
  ...seriesRequests,
  ...journalRequests,
  ...alertRequests,
  ...heatmapRequests,
  ...heatmapCheckRequests,
  ...marketRequests,
  ...evidenceRequests,
  ...universeRequests,
} as const satisfies Record<InvokeChannel, z.ZodType>

export interface AppInfo {
  version: string
  /** 'electron' for the desktop window, 'browser' for `radar serve`. */
  shell: 'electron' | 'browser'
  userDataDir: string
  settingsPath: string
  logPath: string
}

export interface SettingsView {
  settings: Settings
  path: string
  /** Set when the file on disk was unreadable: says what was wrong and where the backup went. */
  warning: string | null
}

export interface InvokeResponses
  extends EvidenceInvokeResponses, UniverseInvokeResponses, HeatmapCheckInvokeResponses {
  getAppInfo: AppInfo
  getEngineStatus: EngineStatus
  getSnapshots: MarketSnapshot[]
  getSettings: SettingsView
  updateSettings: SettingsView
  simulateWorkerFault: { accepted: true }
  listSessions: SessionSummary[]
  openSession: ReplayPosition
  closeSession: { closed: true }
  replayControl: ReplayPosition
  getReplayPosition: ReplayPosition | null
  deleteSession: { deleted: true }
  startImport: { jobId: string }
  cancelImport: { cancelled: boolean }
  startRecording: RecordingStatus
  stopRecording: RecordingStatus
  getSeries: MarketSeries
  watchSeries: { watching: string | null }
  addJournalEntry: JournalEntry
  listJournal: JournalEntry[]
  exportJournalCsv: { csv: string; fileName: string }
  listAlertRules: AlertRule[]
  saveAlertRule: AlertRule[]
  deleteAlertRule: AlertRule[]
  getAlertLog: AlertFired[]
  getHeatmap: HeatmapView
  getCoinMap: CoinMapView
  getLeverageTiers: LeverageTiersView
  searchMarkets: { key: string; venue: string; symbol: string }[]
  startLive: { started: true }
  stopLive: { stopped: true }
  probeVenues: VenueProbe[]
}

export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeRequestSchemas)[C]>
export type InvokeResponse<C extends InvokeChannel> = InvokeResponses[C]

/** Events pushed from main to the renderer. */
export interface EventPayloads extends EvidenceEventPayloads, UniverseEventPayloads {
  engineStatus: EngineStatus
  /** A batch of changed market snapshots (≤ ~10 batches/s). */
  snapshots: MarketSnapshot[]
  notice: Notice
  settings: SettingsView
  replayPosition: ReplayPosition | null
  importProgress: ImportProgress
  recording: RecordingStatus
  /** Series updates of the market the UI watches (see watchSeries), batched with snapshots. */
  seriesUpdate: SeriesUpdate
  alertFired: AlertFired
  /** Regime, tag and composite-level changes, for row flashes. */
  regimeShift: {
    key: string
    field: string
    from: string | null
    to: string | null
    marketTsMs: number | null
  }
}

// The channel-name lists and the payload maps must name the same channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const _eventsPinned: Same<EventChannel, keyof EventPayloads> = true
const _responsesPinned: Same<InvokeChannel, keyof InvokeResponses> = true
void _eventsPinned
void _responsesPinned

/** What the renderer holds: one function per capability; subscriptions return an unsubscribe. */
export type RadarApi = {
  [C in InvokeChannel]: InvokeRequest<C> extends undefined
    ? () => Promise<InvokeResponse<C>>
    : (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>
} & {
  [E in EventChannel as EventSubscriberName<E>]: (listener: (payload: EventPayloads[E]) => void) => () => void
}

/** Parses a renderer payload for a channel; throws an Error that names the channel and the problem. */
export function parseInvokeRequest<C extends InvokeChannel>(channel: C, payload: unknown): InvokeRequest<C> {
  const schema = invokeRequestSchemas[channel] as z.ZodType
  const result = schema.safeParse(payload)
  if (!result.success) {
    const issues = result.error.issues
      .map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`)
      .join('; ')
    throw new Error(`invalid payload for ${channel}: ${issues}`)
  }
  return result.data as InvokeRequest<C>
}

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(name)
}
