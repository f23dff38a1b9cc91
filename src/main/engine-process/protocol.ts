import { z } from 'zod'
import { EVENT_CHANNELS } from '../../shared/api-channels'
import type { AppInfo } from '../../shared/api'
import { RESTORABLE_INVOKES } from './restorable-state'

/**
 * The engine process's message protocol, the same over Electron's utilityProcess port and Node's fork IPC:
 * the contract's invoke envelope and events, wrapped in a small frame. Both sides parse every frame with
 * these schemas before use; payloads of invokes are parsed again by the contract's own request schemas.
 */

/**
 * What a fresh engine takes up on boot: the session `radar serve --session` names, or after a crash what
 * the previous process had (source, position, speed, play state, watched market, recording).
 */
export const resumeSchema = z
  .object({
    live: z.boolean(),
    session: z
      .object({
        path: z.string().min(1),
        playing: z.boolean(),
        tsMs: z.number().finite().nullable(),
        speed: z.union([z.literal(1), z.literal(10), z.literal(100), z.literal('max')]),
      })
      .strict()
      .nullable(),
    watchedKey: z.string().min(1).nullable(),
    recording: z.boolean(),
  })
  .strict()
export type Resume = z.infer<typeof resumeSchema>

export const NOTHING_TO_RESUME: Resume = { live: false, session: null, watchedKey: null, recording: false }

/** How the engine boots inside its process; sent as the first frame, never through the environment. */
export const bootFrameSchema = z
  .object({
    kind: z.literal('boot'),
    userDataDir: z.string().min(1),
    shell: z.enum(['electron', 'browser']),
    diagnostics: z.boolean(),
    echoLogs: z.boolean(),
    /** The packaged app's resources folder (process.resourcesPath); null = find it from the code's place. */
    resourcesDir: z.string().min(1).nullable(),
    settingsBackend: z.enum(['conf', 'electron-store']),
    /**
     * What the engine opens by itself on launch (bootEngine's launch mode); null = its default. A restart
     * after a crash boots 'idle' and takes up `resume` instead.
     */
    launch: z.enum(['auto', 'offline', 'idle']).nullable(),
    resume: resumeSchema,
    /**
     * Which engine events go to the host: 'all' (browser mode: the host serves every client), or
     * 'restorable' (the desktop app: windows get events on their own MessagePort, the host only what it
     * restores after a crash). Absent = 'all'.
     */
    parentEvents: z.enum(['all', 'restorable']).optional(),
  })
  .strict()
export type BootFrame = z.infer<typeof bootFrameSchema>

const invokeFrameSchema = z
  .object({
    kind: z.literal('invoke'),
    id: z.number().int().nonnegative(),
    channel: z.string(),
    payload: z.unknown(),
  })
  .strict()

/**
 * What a window sends on its MessagePort (see window-port.ts): invokes, and an acknowledgement once it has
 * applied a `snapshots` batch, so the engine sends the next (see snapshot-pacer.ts).
 */
export const windowToEngineSchema = z.discriminatedUnion('kind', [
  invokeFrameSchema,
  z.object({ kind: z.literal('ack'), channel: z.literal('snapshots') }).strict(),
])

export const toEngineSchema = z.discriminatedUnion('kind', [
  bootFrameSchema,
  invokeFrameSchema,
  /** A window's MessagePort, carried in the message's transfer list (Electron's utilityProcess only). */
  z.object({ kind: z.literal('window-port') }).strict(),
  z.object({ kind: z.literal('stop') }).strict(),
  /** Test aid, refused unless booted with diagnostics: the process exits as if it had crashed. */
  z.object({ kind: z.literal('crash') }).strict(),
])
export type ToEngine = z.infer<typeof toEngineSchema>

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: z.string() }).strict(),
])

export const fromEngineSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ready'),
      appInfo: z.custom<AppInfo>((v) => typeof v === 'object' && v !== null),
      /** What of `resume` could not be taken up, one line each. */
      lost: z.array(z.string()),
    })
    .strict(),
  z
    .object({ kind: z.literal('result'), id: z.number().int().nonnegative(), envelope: envelopeSchema })
    .strict(),
  z.object({ kind: z.literal('event'), channel: z.enum(EVENT_CHANNELS), payload: z.unknown() }).strict(),
  /** An invoke a window sent on its own port that the host restores after a crash (watched market, ...). */
  z
    .object({ kind: z.literal('observed'), channel: z.enum(RESTORABLE_INVOKES), request: z.unknown() })
    .strict(),
  /** Boot failed: the process exits after sending it; restarting would fail the same way. */
  z.object({ kind: z.literal('fatal'), error: z.string() }).strict(),
  z.object({ kind: z.literal('stopped') }).strict(),
])
export type FromEngine = z.infer<typeof fromEngineSchema>

/** Parses a frame; returns an error naming the field at fault rather than throwing. */
export function parseFrame<T>(
  schema: z.ZodType<T>,
  raw: unknown,
): { ok: true; frame: T } | { ok: false; error: string } {
  const r = schema.safeParse(raw)
  if (r.success) return { ok: true, frame: r.data }
  const issue = r.error.issues[0]
  return {
    ok: false,
    error: `invalid engine-process frame at ${issue?.path.join('.') || '(frame)'}: ${issue?.message ?? 'schema mismatch'}`,
  }
}

/** The two ends of a process channel, whichever API carries it. */
export interface FrameChannel<In, Out> {
  send(frame: Out): void
  /** `ports`: MessagePorts transferred with the frame (Electron's utilityProcess; none over Node's fork). */
  onFrame(listener: (frame: In, ports: readonly unknown[]) => void): void
}
