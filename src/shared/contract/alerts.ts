import { z } from 'zod'

export const alertRuleSchema = z
  .object({
    id: z.string().min(1).max(64),
    /** A market key, or '*' for every market. */
    market: z.string().min(1).max(128),
    kind: z.enum(['regimeShift', 'threshold']),
    /** For regimeShift: a label id (e.g. 'fundingRegime', 'setup'); for threshold: a metric id (e.g. 'lsi'). */
    field: z.string().min(1).max(64),
    op: z.enum(['above', 'below']).optional(),
    value: z.number().finite().optional(),
    /** Threshold re-arms only after the value has moved back past value ∓ hysteresis. */
    hysteresis: z.number().min(0).optional(),
    enabled: z.boolean(),
  })
  .strict()
  .refine((r) => r.kind === 'regimeShift' || (r.op !== undefined && r.value !== undefined), {
    message: 'a threshold rule needs op and value',
  })

export type AlertRule = z.infer<typeof alertRuleSchema>

export interface AlertFired {
  ruleId: string
  key: string
  /** Market time (session clock in replay). */
  marketTsMs: number | null
  atMs: number
  message: string
}

export const alertRequests = {
  listAlertRules: z.undefined(),
  saveAlertRule: alertRuleSchema,
  deleteAlertRule: z.object({ id: z.string().min(1).max(64) }).strict(),
  getAlertLog: z.undefined(),
} as const
