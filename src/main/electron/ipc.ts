import { ipcMain, MessageChannelMain } from 'electron'
import type { WebContents, WebFrameMain } from 'electron'
import type { EventChannel } from '../../shared/api'
import { ipcEventChannel } from '../../shared/api-channels'
import type { EngineHost } from '../engine-process/engine-host'
import { ENGINE_FAILED_CHANNEL, PORT_CHANNEL, PORT_REQUEST } from '../../preload/port-link'
import { isTrustedFrameUrl } from './app-origin'

/**
 * Each window talks to the engine process on its own MessagePort: the preload asks for one, and this
 * process, after checking the sender by its frame's origin (the app's own page in one of the app's windows,
 * so a navigated or embedded frame in a trusted window is refused), creates a MessageChannelMain and hands
 * one end to the engine's utility process and the other to that frame. After an engine restart every window
 * gets a new port. Payloads are checked where they are used: by the engine process, against the contract.
 */
export function connectWindowPorts(opts: {
  engine: EngineHost
  windows: () => WebContents[]
  loadedUrl: string
  log: (message: string) => void
}): void {
  const { engine, loadedUrl } = opts
  const give = (frame: WebFrameMain): void => {
    const { port1, port2 } = new MessageChannelMain()
    engine.attachWindowPort(port1)
    frame.postMessage(PORT_CHANNEL, null, [port2])
  }
  ipcMain.on(PORT_REQUEST, (event) => {
    const frame = event.senderFrame
    const frameUrl = frame?.url ?? ''
    const isAppWindow = opts.windows().some((wc) => wc.id === event.sender.id)
    if (!frame || !isAppWindow || !isTrustedFrameUrl(frameUrl, loadedUrl)) {
      opts.log(
        `engine port refused: the request did not come from the app's own page (${frameUrl || 'no frame'})`,
      )
      return
    }
    give(frame)
  })
  // No engine will answer: requests waiting in the windows fail with the reason instead of hanging.
  engine.onFailed((reason) => {
    for (const wc of opts.windows()) if (!wc.isDestroyed()) wc.send(ENGINE_FAILED_CHANNEL, reason)
  })
  engine.onRestarted(() => {
    for (const wc of opts.windows()) {
      if (wc.isDestroyed() || !isTrustedFrameUrl(wc.mainFrame.url, loadedUrl)) continue
      give(wc.mainFrame)
    }
  })
}

/** Forwards the host's own events (e.g. its notices) to a window until it closes. */
export function forwardHostEvents(
  engine: EngineHost,
  channels: readonly EventChannel[],
  target: WebContents,
): void {
  const offs = channels.map((channel) =>
    engine.bus.on(channel, (payload) => {
      if (!target.isDestroyed()) target.send(ipcEventChannel(channel), payload)
    }),
  )
  target.once('destroyed', () => offs.forEach((off) => off()))
}
