#!/usr/bin/env node
// `npm start`: builds, then opens the desktop window. Where the Electron binary is missing and cannot be
// fetched (an offline machine), says so in one line and starts browser mode instead.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

function electronBinary() {
  try {
    const path = require('electron')
    return existsSync(path) ? path : null
  } catch {
    return null
  }
}

const build = spawnSync('node_modules/.bin/electron-vite', ['build'], {
  stdio: ['ignore', 'ignore', 'inherit'],
})
if (build.status !== 0) process.exit(build.status ?? 1)

let binary = electronBinary()
if (!binary) {
  // npm install skips Electron's download script (it needs the web); run it now, on first start.
  const installer = require.resolve('electron/install.js')
  const r = spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 180_000 })
  if (r.status === 0) binary = electronBinary()
}

const extra = process.argv.slice(2)
if (binary) {
  const child = spawn(binary, ['.', ...extra], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  process.stdout.write(
    'The Electron binary is not installed and could not be downloaded here; starting browser mode instead.\n',
  )
  // The same launch rule as the window: live when an enabled venue answers a probe, else the week sample
  // (with a banner saying why); `npm start -- --offline` skips the probe.
  const child = spawn(process.execPath, ['bin/radar.js', 'serve', ...extra], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
}
