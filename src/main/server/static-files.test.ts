import { describe, expect, it } from 'vitest'
import { resolveStaticPath } from './static-files'

describe('resolveStaticPath', () => {
  const root = '/srv/app/renderer'
  it('maps / to index.html and keeps paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe('/srv/app/renderer/index.html')
    expect(resolveStaticPath(root, '/assets/a.js?x=1')).toBe('/srv/app/renderer/assets/a.js')
  })
  it('refuses paths that climb out of the root, encoded or not', () => {
    expect(resolveStaticPath(root, '/../../etc/passwd')).toBeNull()
    expect(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull()
    expect(resolveStaticPath(root, '/..%2frenderer-secrets/x')).toBeNull()
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull()
  })
})
