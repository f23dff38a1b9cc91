/**
 * Desktop notifications through the web Notification API: the same API works in Chromium (browser mode)
 * and in Electron's renderer, where it becomes a native notification.
 */
export type NotifyPermission = NotificationPermission | 'unsupported'

export function notificationPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission
}

/** Browsers only show the prompt from a user gesture, so call this from a click handler. */
export async function askNotificationPermission(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported'
  if (Notification.permission !== 'default') return Notification.permission
  return Notification.requestPermission()
}

export function showDesktopNotification(title: string, body: string, tag: string): boolean {
  if (notificationPermission() !== 'granted') return false
  try {
    new Notification(title, { body, tag })
    return true
  } catch {
    // Some shells expose the constructor but refuse it outside a service worker; the in-app toast still shows.
    return false
  }
}
