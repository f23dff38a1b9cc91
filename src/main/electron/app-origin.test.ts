import { describe, expect, it } from 'vitest'
import { APP_INDEX_URL, isAllowedPermission, isTrustedFrameUrl, originOf, rendererUrl } from './app-origin'

describe('where the window’s page may come from', () => {
  it('loads the dev server only when unpackaged, and only a local one', () => {
    expect(rendererUrl(false, 'http://localhost:5173')).toBe('http://localhost:5173')
    expect(rendererUrl(false, undefined)).toBe('app://radar/index.html')
    // Packaged: the variable is ignored, whatever it says.
    expect(rendererUrl(true, 'http://localhost:5173')).toBe('app://radar/index.html')
    expect(rendererUrl(true, 'https://evil.example/')).toBe(APP_INDEX_URL)
    expect(() => rendererUrl(false, 'https://evil.example/')).toThrow(/local dev server/)
  })

  it('compares origins, custom scheme included', () => {
    expect(originOf('app://radar/assets/index.js')).toBe('app://radar')
    expect(originOf('file:///etc/passwd')).toBeNull()
    expect(originOf('not a url')).toBeNull()
    expect(isTrustedFrameUrl('app://radar/index.html#/market', APP_INDEX_URL)).toBe(true)
    expect(isTrustedFrameUrl('app://other/index.html', APP_INDEX_URL)).toBe(false)
    expect(isTrustedFrameUrl('https://radar/index.html', APP_INDEX_URL)).toBe(false)
    expect(isTrustedFrameUrl('file:///work/out/renderer/index.html', APP_INDEX_URL)).toBe(false)
    expect(isTrustedFrameUrl('', APP_INDEX_URL)).toBe(false)
    expect(isTrustedFrameUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true)
    expect(isTrustedFrameUrl('http://localhost:5174/x', 'http://localhost:5173/')).toBe(false)
  })

  it('grants notifications to the app’s page and nothing else to anyone', () => {
    expect(isAllowedPermission('notifications', 'app://radar', APP_INDEX_URL)).toBe(true)
    expect(isAllowedPermission('notifications', 'https://www.binance.com', APP_INDEX_URL)).toBe(false)
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen'])
      expect(isAllowedPermission(p, 'app://radar', APP_INDEX_URL)).toBe(false)
  })
})
