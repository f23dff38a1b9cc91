import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  readonly path: string
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
  /** Logs a problem of this kind once per process, then only counts it (floods help nobody). */
  once(kind: string, level: LogLevel, msg: string, fields?: Record<string, unknown>): void
}

export interface FileLoggerOptions {
  path: string
  maxBytes?: number
  keepFiles?: number
  /** Also echo warnings and errors to stderr (CLI and server). */
  echo?: boolean
}

/** A message is cut to this many characters, a whole line to LINE_CHARS: a peer can choose what gets logged. */
const MESSAGE_CHARS = 2000
const LINE_CHARS = 8192
/** Kinds are remembered to log each once; past this many, new kinds share one overflow kind. */
const MAX_KINDS = 1000
const KIND_CHARS = 120

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters cut)` : text
}

/** The kind a `once` call is remembered under: bounded in length and in number, whatever the caller passed. */
function boundedKind(seen: Set<string>, kind: string): string {
  const k = kind.length > KIND_CHARS ? `${kind.slice(0, KIND_CHARS)}…` : kind
  return seen.has(k) || seen.size < MAX_KINDS ? k : 'too-many-kinds'
}

/** One JSON line, never longer than LINE_CHARS: oversized fields are replaced by their cut JSON text. */
function formatLogLine(level: LogLevel, msg: string, fields?: Record<string, unknown>): string {
  const base = { t: new Date().toISOString(), level, msg: cut(msg, MESSAGE_CHARS) }
  let line: string
  try {
    line = JSON.stringify({ ...base, ...fields })
  } catch {
    line = JSON.stringify({ ...base, fields: 'unserialisable' })
  }
  if (line.length > LINE_CHARS) {
    let fieldsText: string
    try {
      fieldsText = JSON.stringify(fields)
    } catch {
      fieldsText = 'unserialisable'
    }
    line = JSON.stringify({ ...base, fieldsCut: cut(fieldsText, LINE_CHARS / 2) })
  }
  return `${line}\n`
}

/**
 * Structured JSON-lines log in the user-data folder, rotated by size (radar.log -> radar.log.1 -> ...).
 * Writes are synchronous appends: log volume is low by design, and a crash loses no line. A folder that
 * cannot be created or written (read-only user data) leaves the logger working without a file.
 */
export function createFileLogger(opts: FileLoggerOptions): Logger {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024
  const keep = opts.keepFiles ?? 3
  let size = 0
  try {
    mkdirSync(dirname(opts.path), { recursive: true })
    size = existsSync(opts.path) ? statSync(opts.path).size : 0
  } catch (err) {
    if (opts.echo) process.stderr.write(`[warn] logs cannot be written to ${opts.path}: ${String(err)}\n`)
  }
  const seenKinds = new Set<string>()

  const rotate = (): void => {
    rmSync(`${opts.path}.${keep}`, { force: true })
    for (let i = keep - 1; i >= 1; i--) {
      if (existsSync(`${opts.path}.${i}`)) renameSync(`${opts.path}.${i}`, `${opts.path}.${i + 1}`)
    }
    if (existsSync(opts.path)) renameSync(opts.path, `${opts.path}.1`)
    size = 0
  }

  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    const line = formatLogLine(level, msg, fields)
    try {
      if (size + line.length > maxBytes) rotate()
      appendFileSync(opts.path, line)
      size += line.length
    } catch {
      // A full disk or a removed folder must not take the engine down with it.
    }
    if (opts.echo && (level === 'warn' || level === 'error')) {
      process.stderr.write(`[${level}] ${cut(msg, MESSAGE_CHARS)}\n`)
    }
  }

  return {
    path: opts.path,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    once: (kind, level, m, f) => {
      const k = boundedKind(seenKinds, kind)
      if (seenKinds.has(k)) return
      seenKinds.add(k)
      write(level, m, { ...f, kind: k, note: 'further occurrences of this kind are not logged' })
    },
  }
}

/** For tests and tools that need a Logger but no file. */
export function createMemoryLogger(): Logger & { lines: { level: LogLevel; msg: string }[] } {
  const lines: { level: LogLevel; msg: string }[] = []
  const seen = new Set<string>()
  const push = (level: LogLevel) => (msg: string) => void lines.push({ level, msg })
  return {
    path: '(memory)',
    lines,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    once: (kind, level, msg) => {
      const k = boundedKind(seen, kind)
      if (seen.has(k)) return
      seen.add(k)
      lines.push({ level, msg: cut(msg, MESSAGE_CHARS) })
    },
  }
}
