import type { AppInfo, Envelope, InvokeChannel, InvokeRequest, InvokeResponse } from '../../../shared/api'
import { isInvokeChannel, parseInvokeRequest } from '../../../shared/api'
import type { EngineServices } from '../services'
import { sessionHandlers } from './session-handlers'
import { chartHandlers } from './chart-handlers'
import { journalHandlers } from './journal-handlers'
import { alertHandlers } from './alert-handlers'
import { marketHandlers } from './market-handlers'
import { evidenceHandlers } from './evidence-handlers'
import { universeHandlers } from './universe-handlers'
import { heatmapCheckHandlers } from './heatmap-check-handlers'

export type InvokeHandlers = {
  [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>> | InvokeResponse<C>
}

function engineHandlers({ engine }: EngineServices) {
  return {
    getEngineStatus: () => engine.status(),
    getSnapshots: () => engine.getSnapshots(),
    simulateWorkerFault: ({ fault }: InvokeRequest<'simulateWorkerFault'>) => {
      engine.simulateWorkerFault(fault)
      return { accepted: true as const }
    },
  }
}

function settingsHandlers({ engine }: EngineServices) {
  return {
    getSettings: () => engine.settings.view(),
    // The store's own change event carries the change to the engine and the windows (see bootEngine).
    updateSettings: (patch: InvokeRequest<'updateSettings'>) => engine.settings.update(patch),
  }
}

/** Every capability of the contract, one small group per domain. */
export function createInvokeHandlers(services: EngineServices, appInfo: AppInfo): InvokeHandlers {
  return {
    getAppInfo: () => appInfo,
    ...engineHandlers(services),
    ...settingsHandlers(services),
    ...sessionHandlers(services),
    ...chartHandlers(services),
    ...journalHandlers(services),
    ...alertHandlers(services),
    ...marketHandlers(services),
    ...evidenceHandlers(services),
    ...universeHandlers(services),
    ...heatmapCheckHandlers(services),
  }
}

/**
 * The single entry for both doors: validates the channel and payload with the contract's zod schemas,
 * runs the handler, and wraps the outcome in an envelope. Nothing unparsed reaches a handler.
 */
export async function dispatchInvoke(
  handlers: InvokeHandlers,
  channel: unknown,
  payload: unknown,
): Promise<Envelope<unknown>> {
  try {
    if (!isInvokeChannel(channel)) throw new Error(`unknown channel ${JSON.stringify(channel)}`)
    const request = parseInvokeRequest(channel, payload)
    const handler = handlers[channel] as (req: unknown) => unknown
    return { ok: true, value: await handler(request) }
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) }
  }
}
