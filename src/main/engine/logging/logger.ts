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

/**
 * Structured JSON-lines log in the user-data folder, rotated by size (radar.log -> radar.log.1 -> ...).
 * Writes are synchronous appends: log volume is low by design, and a crash loses no line.
 */
export function createFileLogger(opts: FileLoggerOptions): Logger {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024
  const keep = opts.keepFiles ?? 3
  mkdirSync(dirname(opts.path), { recursive: true })
  let size = existsSync(opts.path) ? statSync(opts.path).size : 0
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
    const line = `${JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields })}\n`
    try {
      if (size + line.length > maxBytes) rotate()
      appendFileSync(opts.path, line)
      size += line.length
    } catch {
      // A full disk or a removed folder must not take the engine down with it.
    }
    if (opts.echo && (level === 'warn' || level === 'error')) process.stderr.write(`[${level}] ${msg}\n`)
  }

  return {
    path: opts.path,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    once: (kind, level, m, f) => {
      if (seenKinds.has(kind)) return
      seenKinds.add(kind)
      write(level, m, { ...f, kind, note: 'further occurrences of this kind are counted, not logged' })
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
      if (seen.has(kind)) return
      seen.add(kind)
      lines.push({ level, msg })
    },
  }
}
