import { networkInterfaces } from 'node:os'
import { connect } from 'node:net'
import WebSocket from 'ws'
import { expect, test } from './fixtures'

test('the shell loads with live engine and worker status and no console errors', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  await expect(page.getByRole('banner')).toContainText('Leverage Radar')
  await expect(page.getByTestId('engine-connection')).toHaveText('engine · connected')
  await expect(page.getByTestId('worker-state')).toContainText('running')
  await expect(page.getByTestId('source-badge')).toHaveText('NO DATA')
  await expect(page.getByTestId('radar-empty')).toContainText('Open a recorded session')
  // The heartbeat age keeps refreshing: status is live, not a one-off render.
  const first = await page.getByTestId('worker-state').textContent()
  await expect(page.getByTestId('worker-state')).not.toHaveText(first ?? '', { timeout: 5000 })
  await page.screenshot({ path: 'test-results/screenshots/shell.png' })
  expect(consoleErrors).toEqual([])
})

test('requests without the token, with a wrong token, or with a foreign Host are refused', async ({
  server,
}) => {
  const bare = `${server.origin}/`
  expect((await fetch(bare)).status).toBe(401)
  expect((await fetch(`${bare}?token=not-the-token`)).status).toBe(401)
  expect((await fetch(`${bare}assets/anything.js`)).status).toBe(401)
  expect((await fetch(server.url)).status).toBe(200)
  // fetch() cannot forge Host; a raw request can, as a DNS-rebinding page would.
  const status = await new Promise<string>((resolve, reject) => {
    const port = Number(new URL(server.origin).port)
    const sock = connect(port, '127.0.0.1', () => {
      sock.write(
        `GET /?token=${server.token} HTTP/1.1\r\nHost: attacker.example:${port}\r\nConnection: close\r\n\r\n`,
      )
    })
    let data = ''
    sock.on('data', (d) => (data += d.toString()))
    sock.on('end', () => resolve(data.split('\r\n')[0] ?? ''))
    sock.on('error', reject)
  })
  expect(status).toContain('403')
})

test('a WebSocket from a foreign Origin or without the token is refused', async ({ server }) => {
  const attempt = (url: string, origin: string) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(url, { headers: { Origin: origin } })
      ws.once('open', () => {
        ws.close()
        resolve(101)
      })
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.once('error', () => resolve(-1))
    })
  const wsBase = `${server.origin.replace('http', 'ws')}/api`
  expect(await attempt(`${wsBase}?token=${server.token}`, 'http://evil.example')).toBe(403)
  expect(await attempt(`${wsBase}?token=${server.token}`, 'null')).toBe(403)
  expect(await attempt(wsBase, server.origin)).toBe(401)
  expect(await attempt(`${wsBase}?token=wrong`, server.origin)).toBe(401)
  expect(await attempt(`${wsBase}?token=${server.token}`, server.origin)).toBe(101)
})

test('the server listens on 127.0.0.1 only', async ({ server }) => {
  expect(new URL(server.url).hostname).toBe('127.0.0.1')
  const port = Number(new URL(server.origin).port)
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address)
  for (const address of external) {
    const outcome = await new Promise<string>((resolve) => {
      const sock = connect(port, address)
      sock.once('connect', () => {
        sock.destroy()
        resolve('connected')
      })
      sock.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
    })
    expect(outcome, `port ${port} must not answer on ${address}`).toBe('ECONNREFUSED')
  }
})
