/** Parsed command line: positional words and `--name value` / `--flag` options. */
export interface ParsedArgs {
  positionals: string[]
  options: Map<string, string | true>
}

/**
 * Parses `--name value`, `--name=value` and bare `--flag`. A value never starts with `--`, so
 * `--json --out x` reads as a flag and an option. Which names are flags is given by the command.
 */
export function parseArgs(argv: readonly string[], flags: ReadonlySet<string> = new Set()): ParsedArgs {
  const positionals: string[] = []
  const options = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!a.startsWith('--')) {
      positionals.push(a)
      continue
    }
    const eq = a.indexOf('=')
    if (eq > 0) {
      options.set(a.slice(2, eq), a.slice(eq + 1))
      continue
    }
    const name = a.slice(2)
    const next = argv[i + 1]
    if (!flags.has(name) && next !== undefined && !next.startsWith('--')) {
      options.set(name, next)
      i++
    } else {
      options.set(name, true)
    }
  }
  return { positionals, options }
}

/** Reads a string option; a bare flag where a value was expected is a usage error. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name)
  if (v === undefined) return undefined
  if (v === true) throw new UsageError(`--${name} needs a value`)
  return v
}

export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const v = stringOption(args, name)
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${v}"`)
  return n
}

/** A mistake in how the command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
