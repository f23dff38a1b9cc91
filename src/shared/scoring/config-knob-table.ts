import type { KnobDef } from './config-knob-spec'
import { COMPOSITE_KNOBS } from './config-knob-composites'
import { SIGNAL_KNOBS } from './config-knob-signals'

export type { KnobDef } from './config-knob-spec'

/** Every knob with its defaults filled in, signals first, in the order Settings lists them. */
export const KNOBS: Record<string, KnobDef> = Object.fromEntries(
  Object.entries({ ...SIGNAL_KNOBS, ...COMPOSITE_KNOBS }).map(([key, [metric, name, unit, what, o]]) => [
    key,
    { metric, name, unit, what, scale: 1, min: 0, max: Infinity, integer: false, ...o },
  ]),
)
