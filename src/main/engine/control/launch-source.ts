import { dirname, join } from 'node:path'
import type { EngineServices } from '../services'
import type { ProbeResult } from '../connectors/venue-probe'
import { livePlan } from './live-control'

/**
 * What the engine opens on launch:
 * - `auto`: go live when an enabled venue answers a probe, else the bundled sample with a banner saying why;
 * - `offline`: the bundled sample, no probe;
 * - `idle`: nothing (a session is opened by the caller, or tests drive the engine themselves).
 */
export type LaunchMode = 'auto' | 'offline' | 'idle'

/** The sample that shows the product best: a week of OI, long/short and taker flow, so Stress and the heatmap show. */
export const LAUNCH_SAMPLE_FILE = 'binance-futures-metrics-2024-05-09-week.radar'

/** `--offline` on the command line, else `RADAR_LAUNCH` (auto | offline | idle), else `auto`. */
export function launchModeFrom(argv: readonly string[], env: NodeJS.ProcessEnv): LaunchMode {
  if (argv.includes('--offline')) return 'offline'
  const fromEnv = env.RADAR_LAUNCH
  if (fromEnv === 'auto' || fromEnv === 'offline' || fromEnv === 'idle') return fromEnv
  return 'auto'
}

export interface LaunchOutcome {
  mode: LaunchMode
  /** What was opened: live data, the sample, or nothing. */
  opened: 'live' | 'sample' | 'none'
  probes: ProbeResult[]
  /** The one line shown when live data could not start; null when live started or was not tried. */
  fallbackReason: string | null
}

/** One line naming every venue that did not answer and why. */
export function unreachableLine(probes: readonly ProbeResult[]): string {
  const parts = probes.map((p) => `${p.venue}: ${p.reason ?? 'no answer'}`)
  return `No enabled venue answered (${parts.join('; ')}).`
}

/**
 * Opens the launch source. Never throws: a failure to go live falls back to the sample, and a failure to open
 * the sample leaves the engine with no source and says so, so the window always opens on something.
 */
export async function launchSource(
  services: EngineServices,
  mode: LaunchMode,
  probeTimeoutMs = 6000,
): Promise<LaunchOutcome> {
  const { engine } = services
  if (mode === 'idle') return { mode, opened: 'none', probes: [], fallbackReason: null }
  let probes: ProbeResult[] = []
  let reason = 'Offline launch (--offline).'
  if (mode === 'auto') {
    try {
      const settings = engine.settings.get()
      livePlan(settings, services.live.watchlist.keys(settings))
      engine.setLaunchNote('Checking whether the enabled venues answer…')
      probes = await services.live.probe(probeTimeoutMs)
      engine.logger.info('launch probe', { probes })
      // The user may have picked a source while the probe ran: theirs wins.
      if (engine.status().source.kind !== 'none') {
        return { mode, opened: 'none', probes, fallbackReason: null }
      }
      if (probes.some((p) => p.reachable)) {
        engine.setLaunchNote(null)
        await services.live.start()
        return { mode, opened: 'live', probes, fallbackReason: null }
      }
      reason = unreachableLine(probes)
    } catch (err) {
      reason = `Live data could not start: ${err instanceof Error ? err.message : String(err)}.`
    }
  }
  try {
    await openSampleAtEnd(services)
    const line = `${reason} Showing the recorded ${LAUNCH_SAMPLE_FILE.replace(/\.radar$/, '')} sample.`
    engine.setLaunchNote(line)
    engine.logger.warn('launch fell back to the sample', { reason })
    return { mode, opened: 'sample', probes, fallbackReason: reason }
  } catch (err) {
    const line = `${reason} The bundled sample did not open either: ${err instanceof Error ? err.message : String(err)}`
    engine.setLaunchNote(line)
    engine.notify('error', line)
    return { mode, opened: 'none', probes, fallbackReason: reason }
  }
}

/** Opens the week sample and plays it at max speed to its end, so every pane is filled at once. */
async function openSampleAtEnd(services: EngineServices): Promise<void> {
  const path = join(dirname(services.library.defaultSamplePath()), LAUNCH_SAMPLE_FILE)
  await services.replay.openFile(path, false)
  services.replay.control({ action: 'speed', speed: 'max' })
  services.replay.control({ action: 'play' })
}
