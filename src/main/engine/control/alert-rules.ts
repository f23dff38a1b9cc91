import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import type { AlertFired, AlertRule } from '../../../shared/contract/alerts'
import { alertRuleSchema } from '../../../shared/contract/alerts'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { displayValue, isMetricId, isNumericMetric, metricDef } from '../../../shared/scoring/metric-registry'
import type { Logger } from '../logging/logger'

/** Alert rules on disk (alerts.json); a damaged file is set aside like the settings file. */
export class AlertRuleStore {
  private rules: AlertRule[]

  constructor(
    readonly path: string,
    private readonly logger: Logger,
  ) {
    this.rules = this.load()
  }

  list(): AlertRule[] {
    return [...this.rules]
  }

  /** Saves a rule; a threshold on a metric the registry does not know (a typo) is refused, not kept. */
  save(rule: AlertRule): AlertRule[] {
    if (rule.kind === 'threshold' && rule.field !== 'stress') {
      if (!isMetricId(rule.field))
        throw new Error(
          `unknown metric "${rule.field}": a threshold rule needs a metric id from the methodology, e.g. funding-apr or oi-roc-24h`,
        )
      if (!isNumericMetric(rule.field))
        throw new Error(
          `"${rule.field}" is not a number a threshold can compare (${metricDef(rule.field).name})`,
        )
    }
    const i = this.rules.findIndex((r) => r.id === rule.id)
    if (i >= 0) this.rules[i] = rule
    else this.rules.push(rule)
    this.persist()
    return this.list()
  }

  delete(id: string): AlertRule[] {
    this.rules = this.rules.filter((r) => r.id !== id)
    this.persist()
    return this.list()
  }

  private load(): AlertRule[] {
    if (!existsSync(this.path)) return []
    try {
      return z.array(alertRuleSchema).parse(JSON.parse(readFileSync(this.path, 'utf8')))
    } catch (err) {
      const backup = `${this.path}.damaged-${Date.now()}.bak`
      renameSync(this.path, backup)
      this.logger.warn('alert rules file damaged; moved aside', { backup, error: String(err) })
      return []
    }
  }

  private persist(): void {
    writeFileSync(this.path, JSON.stringify(this.rules, null, 2))
  }
}

interface ArmState {
  armed: boolean
}

/**
 * Evaluates rules against snapshot batches and regime shifts. Threshold rules have hysteresis: after firing
 * they re-arm only once the value has moved back past the threshold by `hysteresis`, so a value hovering at
 * the line fires once, not on every tick.
 */
export class AlertEvaluator {
  private readonly arm = new Map<string, ArmState>()
  private readonly log: AlertFired[]

  /** `logPath`: the alert log (JSON lines) that survives restarts; its last MAX_LOG entries are loaded. */
  constructor(
    private readonly rules: () => AlertRule[],
    private readonly onFire: (a: AlertFired) => void,
    private readonly logPath: string | null = null,
  ) {
    this.log = logPath ? readAlertLog(logPath) : []
  }

  history(): AlertFired[] {
    return [...this.log]
  }

  reset(): void {
    this.arm.clear()
  }

  onSnapshots(batch: readonly MarketSnapshot[]): void {
    for (const rule of this.rules()) {
      if (!rule.enabled || rule.kind !== 'threshold' || rule.op === undefined || rule.value === undefined)
        continue
      for (const snap of batch) {
        if (rule.market !== '*' && rule.market !== snap.key) continue
        const value = rule.field === 'stress' ? snap.stress : (snap.metrics[rule.field]?.value ?? null)
        if (value === null || !Number.isFinite(value)) continue
        const id = `${rule.id}|${snap.key}`
        const state = this.arm.get(id) ?? { armed: true }
        const h = rule.hysteresis ?? 0
        const beyond = rule.op === 'above' ? value > rule.value : value < rule.value
        const back = rule.op === 'above' ? value < rule.value - h : value > rule.value + h
        if (state.armed && beyond) {
          state.armed = false
          this.fire(
            rule,
            snap.key,
            snap.asOfMs,
            thresholdMessage(snap.key, rule.field, rule.op, rule.value, value),
          )
        } else if (!state.armed && back) {
          state.armed = true
        }
        this.arm.set(id, state)
      }
    }
  }

  onRegimeShift(shift: {
    key: string
    field: string
    from: string | null
    to: string | null
    marketTsMs: number | null
  }): void {
    for (const rule of this.rules()) {
      if (!rule.enabled || rule.kind !== 'regimeShift' || rule.field !== shift.field) continue
      if (rule.market !== '*' && rule.market !== shift.key) continue
      this.fire(
        rule,
        shift.key,
        shift.marketTsMs,
        `${shift.key}: ${shift.field} ${shift.from ?? 'n/a'} → ${shift.to ?? 'n/a'}`,
      )
    }
  }

  private fire(rule: AlertRule, key: string, marketTsMs: number | null, message: string): void {
    const a: AlertFired = { ruleId: rule.id, key, marketTsMs, atMs: Date.now(), message }
    this.log.push(a)
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG)
    if (this.logPath) {
      try {
        appendFileSync(this.logPath, `${JSON.stringify(a)}\n`)
      } catch {
        // The alert still fires and stays in memory; a full disk must not silence it.
      }
    }
    this.onFire(a)
  }
}

const MAX_LOG = 1000

/** Readable entries of the alert log, oldest first; damaged lines are skipped. */
function readAlertLog(path: string): AlertFired[] {
  if (!existsSync(path)) return []
  const out: AlertFired[] = []
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    try {
      const a = JSON.parse(line) as AlertFired
      if (typeof a.ruleId === 'string' && typeof a.message === 'string') out.push(a)
    } catch {
      // A torn last line after a crash: skip it.
    }
  }
  return out.slice(-MAX_LOG)
}

/** "BTC…: Funding rate above 0.0284 % (now 0.0285 %)": the metric's name and display unit, as typed. */
function thresholdMessage(key: string, field: string, op: string, limit: number, now: number): string {
  if (!isMetricId(field)) return `${key}: Stress ${op} ${limit} (now ${Math.round(now)})`
  return `${key}: ${metricDef(field).name} ${op} ${displayValue(field, limit)} (now ${displayValue(field, now)})`
}
