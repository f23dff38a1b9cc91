import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startEmulator } from './emulator'
import type { RunningEmulator } from './emulator'

let emu: RunningEmulator
beforeAll(async () => {
  emu = await startEmulator({ port: 0, speed: 4 })
})
afterAll(async () => emu.close())

const getJson = async (path: string) => {
  const res = await fetch(emu.restUrl + path)
  return { status: res.status, body: (await res.json()) as { code: string; msg?: string; data: unknown[] } }
}

describe('OKX venue of the emulator', () => {
  it('serves the recorded instrument lists and an empty list for a type the recording lacks', async () => {
    const swap = await getJson('/api/v5/public/instruments?instType=SWAP')
    // OKX.jsonl.zst: the SWAP answer lists 166 instruments, among them UNI-USD-SWAP with ctVal "10" (USD).
    expect(swap.body.data.length).toBe(166)
    expect(swap.body.data).toContainEqual(
      expect.objectContaining({ instId: 'UNI-USD-SWAP', ctVal: '10', ctType: 'inverse', settleCcy: 'UNI' }),
    )
    // Options are recorded for the underlyings ccxt asks by default: BTC-USD (346) and ETH-USD (350).
    expect((await getJson('/api/v5/public/instruments?instType=OPTION&uly=ETH-USD')).body.data.length).toBe(
      350,
    )
    expect((await getJson('/api/v5/public/instruments?instType=MARGIN')).body).toEqual({
      code: '0',
      msg: '',
      data: [],
    })
    // No OKX open-interest payload was recorded: refused as OKX refuses an unknown request (HTTP 400, its own
    // error code), never an empty success a client would read as "no open interest".
    const other = await getJson('/api/v5/public/open-interest?instId=UNI-USD-SWAP')
    expect(other.status).toBe(400)
    expect(other.body.code).not.toBe('0')
    expect(other.body.msg).toMatch(/no recorded OKX open-interest/)
  })

  it('acknowledges a subscription and replays the recorded frames; answers ping with pong', async () => {
    const ws = new WebSocket(`${emu.wsUrl}/ws/v5/public`)
    const got: string[] = []
    ws.on('message', (m) => got.push(String(m)))
    await new Promise((r) => ws.once('open', r))
    ws.send('ping')
    ws.send(
      JSON.stringify({
        op: 'subscribe',
        args: [
          { channel: 'tickers', instId: 'UNI-USD-SWAP' },
          { channel: 'funding-rate', instId: 'UNI-USD-SWAP' },
        ],
      }),
    )
    const end = Date.now() + 3000
    while (got.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 20))
    await new Promise((r) => setTimeout(r, 200))
    ws.close()
    expect(got[0]).toBe('pong')
    // The recorded acknowledgement, a built one for the unrecorded funding-rate channel (which stays quiet),
    // then the one recorded UNI-USD-SWAP ticker, verbatim (last "5.123", ts "1652459223143").
    expect(got[1]).toBe('{"event":"subscribe","arg":{"channel":"tickers","instId":"UNI-USD-SWAP"}}')
    expect(JSON.parse(got[2] as string)).toEqual({
      event: 'subscribe',
      arg: { channel: 'funding-rate', instId: 'UNI-USD-SWAP' },
    })
    expect(got.slice(3)).toHaveLength(1)
    expect(got[3]).toContain('"last":"5.123","lastSz":"100","askPx":"5.142"')
    expect(got[3]).toContain('"ts":"1652459223143"')
  })
})
