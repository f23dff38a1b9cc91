import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
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

describe('log size caps', () => {
  it('cuts a huge message and huge fields so one line stays under 8 KiB', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-log-')), 'radar.log')
    const log = createFileLogger({ path })
    log.warn('x'.repeat(900 * 1024), { channel: 'y'.repeat(900 * 1024) })
    const text = readFileSync(path, 'utf8')
    expect(text.length).toBeLessThanOrEqual(8193)
    const line = JSON.parse(text) as { msg: string; fieldsCut: string }
    expect(line.msg.startsWith('x'.repeat(2000))).toBe(true)
    expect(line.msg).toContain('more characters cut')
    expect(line.fieldsCut.length).toBeLessThan(4200)
  })

  it('remembers at most 1,000 kinds: a stream of unique kinds logs 1,001 lines, not one per kind', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-log-')), 'radar.log')
    const log = createFileLogger({ path })
    for (let i = 0; i < 3000; i++) log.once(`refused-${i}-${'n'.repeat(500)}`, 'warn', 'refused')
    const lines = readFileSync(path, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(1001)
    expect((JSON.parse(lines[1000]!) as { kind: string }).kind).toBe('too-many-kinds')
    expect((JSON.parse(lines[0]!) as { kind: string }).kind.length).toBeLessThanOrEqual(121)
  })

  it('keeps running without a file when its folder cannot be created', () => {
    const root = mkdtempSync(join(tmpdir(), 'radar-log-'))
    writeFileSync(join(root, 'not-a-folder'), '')
    const log = createFileLogger({ path: join(root, 'not-a-folder', 'logs', 'radar.log') })
    expect(() => log.error('still here')).not.toThrow()
  })
})
