/**
 * The desktop window's MessagePort path, end to end in plain Node: the preload's PortLink on one end of a
 * real MessageChannel, the engine process's serveWindowPort on the other (Electron's MessagePortMain and the
 * renderer's DOM MessagePort have the same surface as Node's worker_threads ports). The handlers here stand
 * in for the engine's: what is under test is the transport (ids, envelopes, the contract's payload check,
 * events, restart and close), not what the handlers compute.
 */
import { MessageChannel } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { INVOKE_CHANNELS } from '../../shared/api-channels'
import type { InvokeHandlers } from '../engine/api/handlers'
import { EventBus } from '../engine/event-bus'
import type { RendererPort } from '../../preload/port-link'
import { PortLink } from '../../preload/port-link'
import type { WindowPort } from './window-port'
import { serveWindowPort } from './window-port'

const opened: MessagePort[] = []
afterEach(() => {
  for (const p of opened.splice(0)) p.close()
})

function channel(): { engineEnd: WindowPort; windowEnd: RendererPort; raw: MessagePort } {
  const { port1, port2 } = new MessageChannel()
  opened.push(port1, port2)
  return {
    engineEnd: {
      postMessage: (m) => port1.postMessage(m),
      onMessage: (l) => void port1.on('message', l),
      onClose: (l) => void port1.on('close', l),
      close: () => port1.close(),
    },
    windowEnd: port2 as unknown as RendererPort,
    raw: port1,
  }
}

function engineDouble(): { handlers: InvokeHandlers; bus: EventBus; calls: string[] } {
  const calls: string[] = []
  const handlers: Record<string, (req: unknown) => unknown> = {}
  for (const c of INVOKE_CHANNELS)
    handlers[c] = (req) => {
      calls.push(`${c} ${JSON.stringify(req ?? null)}`)
      if (c === 'getReplayPosition') return new Promise(() => {}) // never answers: a request in flight
      return { echoed: req ?? null }
    }
  return { handlers: handlers as unknown as InvokeHandlers, bus: new EventBus(), calls }
}

/** Serves a channel's engine end, ignoring what is observed and logged. */
function serve(ch: { engineEnd: WindowPort }, engine: ReturnType<typeof engineDouble>): void {
  serveWindowPort(
    ch.engineEnd,
    engine,
    () => {},
    () => {},
  )
}

const notice = (message: string) => ({ level: 'info' as const, message, atMs: 1_700_000_000_000 })

describe('window MessagePort to the engine process', () => {
  it('answers invokes, refuses bad payloads by channel and field, and delivers events', async () => {
    const engine = engineDouble()
    const observed: string[] = []
    const { engineEnd, windowEnd } = channel()
    serveWindowPort(
      engineEnd,
      engine,
      (c, r) => observed.push(`${c} ${JSON.stringify(r)}`),
      () => {},
    )
    const link = new PortLink()
    const api = link.api() as Record<string, (arg?: unknown) => Promise<unknown>>
    // Made before the port arrives (the window loads before the main process hands it over): queued, then sent.
    const early = api.watchSeries!({ key: 'binanceusdm:BTC/USDT:USDT' })
    link.attach(windowEnd)
    expect(await early).toEqual({ echoed: { key: 'binanceusdm:BTC/USDT:USDT' } })
    await expect(api.watchSeries!({ key: 42 })).rejects.toThrow(/invalid payload for watchSeries: key/)
    // The refused request never reached the handler; the accepted one is reported for crash restore.
    expect(engine.calls).toEqual(['watchSeries {"key":"binanceusdm:BTC/USDT:USDT"}'])
    expect(observed).toEqual(['watchSeries {"key":"binanceusdm:BTC/USDT:USDT"}'])

    const got: unknown[] = []
    const subscribe = (link.api() as Record<string, (l: (p: unknown) => void) => () => void>).onNotice!
    const off = subscribe((p) => got.push(p))
    engine.bus.emit('notice', notice('first'))
    await new Promise((r) => setTimeout(r, 50))
    off()
    engine.bus.emit('notice', notice('after unsubscribe'))
    await new Promise((r) => setTimeout(r, 50))
    expect(got).toEqual([notice('first')])
  })

  it('fails requests in flight when the engine end closes, queues new ones until a new port comes', async () => {
    const engine = engineDouble()
    const first = channel()
    serve(first, engine)
    const link = new PortLink()
    link.attach(first.windowEnd)
    const inFlight = link.invoke('getReplayPosition', undefined)
    await new Promise((r) => setTimeout(r, 50))
    first.raw.close() // the engine process died with its end of the port
    await expect(inFlight).rejects.toThrow('the engine process stopped while answering getReplayPosition')
    // While the engine restarts the window has no port: the request waits for the new one.
    const waiting = link.invoke('getAppInfo', undefined)
    const second = channel()
    serve(second, engine)
    link.attach(second.windowEnd)
    expect(await waiting).toEqual({ echoed: null })
  })

  it('a new port replaces the old one: its unanswered requests fail, and the old end stops hearing events', async () => {
    const engine = engineDouble()
    const first = channel()
    let firstDetached = false
    serve(first, engine)
    first.raw.on('close', () => (firstDetached = true))
    const link = new PortLink()
    link.attach(first.windowEnd)
    const inFlight = link.invoke('getReplayPosition', undefined)
    await new Promise((r) => setTimeout(r, 50))
    const second = channel()
    serve(second, engine)
    link.attach(second.windowEnd)
    await expect(inFlight).rejects.toThrow('the engine process restarted while answering getReplayPosition')
    await new Promise((r) => setTimeout(r, 50))
    expect(firstDetached).toBe(true)
    // Only the live port's subscription remains: one event reaches the window once.
    const got: unknown[] = []
    link.on('notice', (p) => got.push(p))
    engine.bus.emit('notice', notice('once'))
    await new Promise((r) => setTimeout(r, 50))
    expect(got).toEqual([notice('once')])
  })

  it('sends the next snapshots batch only once the window has applied the last, merged per market meanwhile', async () => {
    const engine = engineDouble()
    const ch = channel()
    serve(ch, engine)
    // The window applies a batch when its code says so (as a paint would), not at once.
    const applied: (() => void)[] = []
    const link = new PortLink(
      () => {},
      (done) => void applied.push(done),
    )
    link.attach(ch.windowEnd)
    const got: unknown[] = []
    link.on('snapshots', (p) => got.push(p))
    const snap = (key: string, lastPrice: number) => ({ key, lastPrice, metrics: {} })
    const emit = (batch: unknown[]) => engine.bus.emit('snapshots', batch as never)
    const settle = () => new Promise((r) => setTimeout(r, 50))
    // Polls for what must arrive, so a loaded machine is slower, not wrong.
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 200 && !ok(); i++) await settle()
    }
    emit([snap('a', 1)])
    await until(() => got.length === 1)
    emit([snap('a', 2), snap('b', 1)])
    emit([snap('a', 3)])
    await settle()
    expect(got).toEqual([[snap('a', 1)]]) // the first is not applied yet: the rest waits in the engine
    expect(applied).toHaveLength(1)
    applied.shift()!()
    await until(() => got.length === 2)
    expect(got).toEqual([[snap('a', 1)], [snap('a', 3), snap('b', 1)]])
  })

  it('once the engine stops for good, waiting and later requests fail with the reason', async () => {
    const link = new PortLink()
    const waiting = link.invoke('getAppInfo', undefined)
    link.fail('was killed by SIGKILL, 4 times within a minute')
    await expect(waiting).rejects.toThrow(
      'the engine is not running: was killed by SIGKILL, 4 times within a minute',
    )
    await expect(link.invoke('getSettings', undefined)).rejects.toThrow(/the engine is not running/)
  })
})
