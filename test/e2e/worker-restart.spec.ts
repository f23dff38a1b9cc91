import { openApiSocket } from '../support/radar-server'
import { expect, test } from './fixtures'

for (const fault of ['crash', 'hang'] as const) {
  test(`a scoring worker ${fault} is detected, the worker restarts and the UI says so`, async ({
    page,
    server,
  }) => {
    await page.goto(server.url)
    await expect(page.getByTestId('worker-state')).toContainText('running')
    const client = await openApiSocket(server)
    const reply = await client.call({
      kind: 'invoke',
      id: 1,
      channel: 'simulateWorkerFault',
      payload: { fault },
    })
    expect(reply).toMatchObject({ kind: 'result', id: 1, ok: true })
    client.close()
    const reason = fault === 'crash' ? /worker crashed|exited/ : /no heartbeat/
    await expect(
      page.getByTestId('notice').filter({ hasText: 'scoring worker was restarted' }),
    ).toContainText(reason, {
      timeout: 15_000,
    })
    await expect(page.getByTestId('worker-state')).toContainText('restarts 1')
    await expect(page.getByTestId('worker-state')).toContainText('running')
    await expect(page.getByTestId('status-worker')).toContainText('restarted 1×')
    if (fault === 'crash') await page.screenshot({ path: 'test-results/screenshots/worker-restart.png' })
  })
}
