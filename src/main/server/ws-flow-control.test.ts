/**
 * Browser mode's snapshots under each tab's own flow control, over a real server and socket: a batch goes at
 * once to an idle tab, markets merge while one is in flight, and the tab's acknowledgement releases the next.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { InvokeHandlers } from '../engine/api/handlers'
import { EventBus } from '../engine/event-bus'
import { createMemoryLogger } from '../engine/logging/logger'
import { SNAPSHOTS_ACK_TEXT } from '../../shared/ws-protocol'
import { startRadarServer } from './radar-server'
import type { RadarServer } from './radar-server'

const staticDir = mkdtempSync(join(tmpdir(), 'radar-static-'))
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
const bus = new EventBus()
let server: RadarServer

beforeAll(async () => {
  const handlers = {} as unknown as InvokeHandlers
  server = await startRadarServer({ handlers, bus, logger: createMemoryLogger(), staticDir })
})
afterAll(() => server.close())

const snap = (key: string, lastPrice: number) => ({ key, lastPrice, metrics: {} })
const settle = () => new Promise((r) => setTimeout(r, 50))
/** Waits for what must arrive (polling, so a loaded machine is slower, not wrong). */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await settle()
}

describe('browser-mode snapshots flow control', () => {
  it('sends the next batch to a tab only after it acknowledged the last, merged per market meanwhile', async () => {
    const origin = `http://${server.host}:${server.port}`
    const ws = new WebSocket(`ws://${server.host}:${server.port}/${server.token}/api`, { origin })
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    const got: unknown[] = []
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { kind: string; channel?: string; payload?: unknown }
      if (msg.kind === 'event' && msg.channel === 'snapshots') got.push(msg.payload)
    })
    const emit = (batch: unknown[]) => bus.emit('snapshots', batch as never)
    emit([snap('a', 1)])
    await until(() => got.length === 1)
    emit([snap('a', 2), snap('b', 1)])
    emit([snap('a', 3)])
    await settle()
    expect(got).toEqual([[snap('a', 1)]])
    ws.send(SNAPSHOTS_ACK_TEXT)
    await until(() => got.length === 2)
    expect(got).toEqual([[snap('a', 1)], [snap('a', 3), snap('b', 1)]])
    // Idle again once that one is acknowledged: the next change goes at once.
    ws.send(SNAPSHOTS_ACK_TEXT)
    await settle()
    emit([snap('c', 1)])
    await until(() => got.length === 3)
    expect(got[2]).toEqual([snap('c', 1)])
    ws.close()
  })
})
