import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileLogger } from './logger'

describe('file logger', () => {
  it('writes one JSON object per line with level, message and fields', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-log-')), 'logs', 'radar.log')
    const log = createFileLogger({ path })
    log.warn('stream stalled', { venue: 'bybit' })
    const [line] = readFileSync(path, 'utf8').trim().split('\n')
    expect(JSON.parse(line!)).toMatchObject({ level: 'warn', msg: 'stream stalled', venue: 'bybit' })
  })

  it('rotates by size and keeps the configured number of old files', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-log-')), 'radar.log')
    const log = createFileLogger({ path, maxBytes: 200, keepFiles: 2 })
    for (let i = 0; i < 20; i++) log.info(`line ${i} ${'x'.repeat(40)}`)
    expect(existsSync(`${path}.1`)).toBe(true)
    expect(existsSync(`${path}.2`)).toBe(true)
    expect(existsSync(`${path}.3`)).toBe(false)
    expect(readFileSync(path, 'utf8')).toContain('line 19')
  })

  it('logs a problem kind once, not once per occurrence', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-log-')), 'radar.log')
    const log = createFileLogger({ path })
    for (let i = 0; i < 5; i++) log.once('malformed-frame', 'warn', 'malformed frame dropped')
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(1)
  })
})
