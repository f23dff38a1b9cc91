import { openApiSocket } from '../support/radar-server'
import { expect, test } from './fixtures'

test('invalid payloads over the WebSocket are refused with a clear error and the server keeps serving', async ({
  page,
  server,
}) => {
  const client = await openApiSocket(server)
  const badField = await client.call({
    kind: 'invoke',
    id: 1,
    channel: 'updateSettings',
    payload: { referenceAsset: 42 },
  })
  expect(badField).toMatchObject({ kind: 'result', id: 1, ok: false })
  expect(String(badField.error)).toMatch(/^invalid payload for updateSettings: referenceAsset:/)

  const unknownField = await client.call({
    kind: 'invoke',
    id: 2,
    channel: 'updateSettings',
    payload: { admin: true },
  })
  expect(String(unknownField.error)).toContain('invalid payload for updateSettings')

  const unknownChannel = await client.call({
    kind: 'invoke',
    id: 3,
    channel: 'readFile',
    payload: '/etc/passwd',
  })
  expect(unknownChannel).toMatchObject({ id: 3, ok: false, error: 'unknown channel "readFile"' })

  const notJson = await client.call('{not json')
  expect(notJson).toEqual({ kind: 'error', error: 'malformed message: not JSON' })

  const noId = await client.call({ kind: 'invoke', channel: 'getSettings' })
  expect(noId.kind).toBe('error')

  // Still serving: the same socket answers a valid call, and the page loads.
  const ok = await client.call({ kind: 'invoke', id: 4, channel: 'getSettings' })
  expect(ok).toMatchObject({ id: 4, ok: true })
  client.close()
  await page.goto(server.url)
  await expect(page.getByTestId('worker-state')).toContainText('running')
})
