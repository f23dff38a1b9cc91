import { z } from 'zod'

/** A field-level problem with a request: `field` is a path like `otherPositions[0].markPrice`. */
export interface FieldError {
  field: string
  message: string
}

const num = (what: string) => z.number({ error: `${what} must be a finite number` })
const price = (what: string) => num(what).positive({ error: `${what} must be above 0` })
const rate = (what: string) =>
  num(what)
    .min(0, { error: `${what} must be ≥ 0` })
    .lt(1, { error: `${what} is a fraction and must be below 1 (0.004 = 0.4 %)` })
const side = z.enum(['long', 'short'], { error: 'must be "long" or "short"' })
const symbol = z
  .string({ error: 'must be a unified symbol like "BTC/USDT:USDT"' })
  .min(1, { error: 'must not be empty' })

const otherPositionSchema = z.strictObject({
  symbol,
  side,
  quantity: price('quantity (base units)'),
  entryPrice: price('entryPrice'),
  markPrice: price('markPrice'),
  maintenanceMarginRate: rate('maintenanceMarginRate').optional(),
  maintenanceAmount: num('maintenanceAmount').min(0, { error: 'maintenanceAmount must be ≥ 0' }).optional(),
})

/**
 * The `radar size --json` request. The fields of the product spec come first; the rest are optional
 * extensions the calculator also uses (each says what it adds). Strict: an unknown key is an error, so a
 * typo (`stopPirce`) never silently drops an input.
 */
export const sizeRequestSchema = z.strictObject(
  {
    /** Cross: the account's wallet balance. Isolated: the margin assigned to this position (default notional / leverage). */
    walletBalance: price('walletBalance').optional(),
    marginMode: z.enum(['isolated', 'cross'], { error: 'must be "isolated" or "cross"' }),
    venue: z.enum(['binanceusdm', 'bybit'], { error: 'must be "binanceusdm" or "bybit"' }),
    position: z.strictObject(
      {
        symbol,
        side,
        entryPrice: price('entryPrice'),
        stopPrice: price('stopPrice').optional(),
        leverage: num('leverage').min(1, { error: 'leverage must be at least 1' }).optional(),
        riskPercent: num('riskPercent')
          .positive({ error: 'riskPercent must be above 0' })
          .max(100, { error: 'riskPercent is a percent ≤ 100' })
          .optional(),
        quantity: price('quantity (base units)').optional(),
        /** Extension: the risk budget in USD instead of a percent. */
        riskUsd: price('riskUsd').optional(),
      },
      { error: 'must be an object' },
    ),
    otherPositions: z.array(otherPositionSchema, { error: 'must be an array' }).optional(),
    maintenanceMarginRate: rate('maintenanceMarginRate').optional(),
    maintenanceAmount: num('maintenanceAmount').min(0, { error: 'maintenanceAmount must be ≥ 0' }).optional(),
    /** Taker fee per side as a fraction (0.0005 = 0.05 %). */
    feeRate: num('feeRate')
      .min(0, { error: 'feeRate must be ≥ 0' })
      .lt(0.01, { error: 'feeRate is a fraction: 0.0005 = 0.05 %' })
      .optional(),
    /** Extension: equity the riskPercent is taken of (default: walletBalance in cross mode). */
    accountEquity: price('accountEquity').optional(),
    /** Extension: the market's quantity step in base units (the bundled tiers do not carry it). */
    lotSize: price('lotSize').optional(),
    /** Extension: average true range in price units, for distances in ATR. */
    atr: price('atr').optional(),
    /** Extension: current funding rate per period as a fraction, with the market's interval and the holding time. */
    fundingRatePerPeriod: num('fundingRatePerPeriod')
      .gt(-0.1)
      .lt(0.1, { error: 'fundingRatePerPeriod is a fraction per period' })
      .optional(),
    fundingIntervalHours: num('fundingIntervalHours')
      .positive({ error: 'fundingIntervalHours must be above 0' })
      .max(24)
      .optional(),
    holdingHours: num('holdingHours').min(0, { error: 'holdingHours must be ≥ 0' }).optional(),
    /** Extension: the market's composite risk level (null = unknown) for the risk-adjusted size. */
    riskLevel: z
      .enum(['low', 'medium', 'high'], { error: 'must be "low", "medium", "high" or null' })
      .nullable()
      .optional(),
    /**
     * Extension: when the size is above a cap (the venue's max notional for the leverage, or margin above the
     * equity), use the capped size instead of refusing; the answer says which cap applied.
     */
    acceptCappedSize: z.boolean({ error: 'must be true or false' }).optional(),
    /** Extension: warn when the stop lies within this percent of the liquidation price (default 1). */
    liquidationBufferPercent: num('liquidationBufferPercent').min(0).max(50).optional(),
  },
  { error: 'the request must be a JSON object' },
)

export type SizeRequest = z.infer<typeof sizeRequestSchema>

export type ParseResult = { ok: true; request: SizeRequest } | { ok: false; errors: FieldError[] }

/** Schema check plus the rules that tie fields together; every problem is reported, not just the first. */
export function parseSizeRequest(data: unknown): ParseResult {
  const parsed = sizeRequestSchema.safeParse(data, { reportInput: true })
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((issue): FieldError[] => {
      const path = fieldPath(issue.path)
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((k) => ({ field: path ? `${path}.${k}` : k, message: 'unknown field' }))
      const message =
        issue.path.length > 0 && valueAt(data, issue.path) === undefined ? 'is required' : issue.message
      return [{ field: path || '(request)', message }]
    })
    return { ok: false, errors }
  }
  const errors = crossFieldErrors(parsed.data)
  return errors.length > 0 ? { ok: false, errors } : { ok: true, request: parsed.data }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined
    v = (v as Record<PropertyKey, unknown>)[key]
  }
  return v
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  )
}

function crossFieldErrors(r: SizeRequest): FieldError[] {
  const errors: FieldError[] = []
  const p = r.position
  const add = (field: string, message: string) => errors.push({ field, message })
  if (p.stopPrice !== undefined) {
    if (p.side === 'long' && p.stopPrice >= p.entryPrice)
      add('position.stopPrice', `a long's stop must be below the entry ${p.entryPrice}`)
    if (p.side === 'short' && p.stopPrice <= p.entryPrice)
      add('position.stopPrice', `a short's stop must be above the entry ${p.entryPrice}`)
  }
  if (p.riskPercent !== undefined && p.riskUsd !== undefined)
    add('position.riskUsd', 'give riskPercent or riskUsd, not both')
  const hasRisk = p.riskPercent !== undefined || p.riskUsd !== undefined
  if (p.quantity === undefined) {
    if (hasRisk && p.stopPrice === undefined) add('position.stopPrice', 'sizing from risk needs a stop price')
    const fromMargin =
      r.marginMode === 'isolated' && r.walletBalance !== undefined && p.leverage !== undefined
    if (!hasRisk && !fromMargin)
      add(
        'position.quantity',
        'give quantity, or riskPercent/riskUsd with stopPrice (or, isolated, walletBalance with leverage)',
      )
  }
  if (r.marginMode === 'cross' && r.walletBalance === undefined)
    add('walletBalance', 'is required in cross mode (the account wallet balance)')
  if (r.marginMode === 'isolated' && r.walletBalance === undefined && p.leverage === undefined)
    add(
      'position.leverage',
      'isolated mode needs walletBalance (the position margin) or leverage (margin = notional / leverage)',
    )
  if (p.riskPercent !== undefined && r.marginMode === 'isolated' && r.accountEquity === undefined)
    add(
      'accountEquity',
      'riskPercent in isolated mode needs the account equity (walletBalance is the position margin there), or use riskUsd',
    )
  if (r.maintenanceAmount !== undefined && r.maintenanceMarginRate === undefined)
    add('maintenanceMarginRate', 'is required when maintenanceAmount is given')
  if (r.fundingRatePerPeriod !== undefined && r.fundingIntervalHours === undefined)
    add(
      'fundingIntervalHours',
      "is required with fundingRatePerPeriod (the market's own interval: 1, 2, 4 or 8 h)",
    )
  r.otherPositions?.forEach((o, i) => {
    if (o.symbol === p.symbol)
      add(
        `otherPositions[${i}].symbol`,
        'is the same market as the position (one-way mode holds one position per market)',
      )
    if (o.maintenanceAmount !== undefined && o.maintenanceMarginRate === undefined)
      add(`otherPositions[${i}].maintenanceMarginRate`, 'is required when maintenanceAmount is given')
  })
  return errors
}
