#!/usr/bin/env node
// `radar` CLI: runs the built engine in plain Node (no Electron needed).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js')
if (!existsSync(built)) {
  process.stderr.write('radar: the app is not built yet; run "npm run build" first.\n')
  process.exit(1)
}
await import(pathToFileURL(built).href)
