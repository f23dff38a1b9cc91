import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import { dirname, resolve } from 'node:path'

/** electron-vite's `?modulePath` import gives a worker's built path; under vitest, give the source path. */
function modulePathAsSourcePath(): Plugin {
  const PREFIX = '\0module-path:'
  return {
    name: 'module-path-as-source-path',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!id.endsWith('?modulePath') || !importer) return null
      return PREFIX + resolve(dirname(importer), id.slice(0, -'?modulePath'.length)) + '.ts'
    },
    load(id) {
      return id.startsWith(PREFIX) ? `export default ${JSON.stringify(id.slice(PREFIX.length))}` : null
    },
  }
}

export default defineConfig({
  plugins: [modulePathAsSourcePath()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/electron/**', 'node_modules/**', 'out/**'],
    environment: 'node',
    testTimeout: 20000,
  },
})
