import type { EventChannel, EventPayloads, InvokeChannel } from '../../shared/api'
import type { ReplayPosition } from '../../shared/contract/sessions'
import type { Resume } from './protocol'

/** The invokes and events the host must see to restore an engine after a crash. */
export const RESTORABLE_INVOKES = ['watchSeries', 'closeSession'] as const
export const RESTORABLE_EVENTS: readonly EventChannel[] = ['engineStatus', 'replayPosition', 'recording']

/**
 * What must survive an engine-process crash: the data source (live, or a session at its position, speed
 * and play state), the watched market, an active recording. Learned from the events and invokes that cross
 * the boundary, so the engine keeps no second copy of its state.
 */
export class RestorableState {
  private sourceKind: 'live' | 'replay' | 'sample' | 'none' = 'none'
  private position: ReplayPosition | null = null
  private watchedKey: string | null = null
  private recording = false

  constructor(initial: Resume) {
    this.watchedKey = initial.watchedKey
  }

  observeEvent<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    if (channel === 'engineStatus') this.sourceKind = (payload as EventPayloads['engineStatus']).source.kind
    else if (channel === 'replayPosition') this.position = payload as EventPayloads['replayPosition']
    else if (channel === 'recording') this.recording = (payload as EventPayloads['recording']).active
  }

  observeInvoke(channel: InvokeChannel, request: unknown): void {
    if (channel === 'watchSeries') this.watchedKey = (request as { key: string | null }).key
    else if (channel === 'closeSession') this.position = null
  }

  resume(): Resume {
    const pos = this.position
    const live = this.sourceKind === 'live'
    return {
      live,
      session:
        !live && pos
          ? {
              path: pos.path,
              playing: pos.state === 'playing',
              tsMs: pos.sessionTsMs !== null && pos.sessionTsMs !== pos.startTsMs ? pos.sessionTsMs : null,
              speed: pos.speed,
            }
          : null,
      watchedKey: this.watchedKey,
      recording: this.recording,
    }
  }
}
