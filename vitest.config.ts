import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/electron/**', 'node_modules/**', 'out/**'],
    environment: 'node',
    testTimeout: 20000,
  },
})
