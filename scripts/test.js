#!/usr/bin/env node
// `npm test`: typecheck, lint, build, unit tests, end-to-end tests in Debian's Chromium, and the Electron
// suite; ends with one line summing every suite: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const totals = { passed: 0, failed: 0, skipped: 0 }
const bin = (name) => `node_modules/.bin/${name}`

function run(label, cmd, args) {
  process.stdout.write(`\n▶ ${label}\n`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } })
  return r.status === 0
}

/** A check with no per-test report (typecheck, lint, build) counts as one test. */
function check(label, cmd, args) {
  const ok = run(label, cmd, args)
  totals[ok ? 'passed' : 'failed']++
  return ok
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

rmSync('test-results', { recursive: true, force: true })
mkdirSync('test-results/screenshots', { recursive: true })

check('typecheck (node)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json'])
check('typecheck (web)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.web.json'])
check('typecheck (end-to-end tests)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.e2e.json'])
check('lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.'])
check('format (prettier)', bin('prettier'), ['--check', '.'])
const built = check('build (electron-vite)', bin('electron-vite'), ['build'])

// Unit tests.
const unitOk = run('unit tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
])
const unit = readJson('test-results/vitest.json')
if (unit) {
  totals.passed += unit.numPassedTests
  totals.failed += unit.numFailedTests + (unit.numRuntimeErrorTests ?? 0)
  totals.skipped += unit.numPendingTests + unit.numTodoTests
  // A file that fails to load reports no test: count it as a failure, not as nothing.
  const brokenFiles = unit.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0)
  totals.failed += brokenFiles.length
} else if (!unitOk) totals.failed++

// End-to-end (browser mode in Chromium) and the Electron suite, which skips itself without the binary.
if (!built) {
  process.stdout.write('\nend-to-end tests not run: the build failed\n')
  totals.failed++
} else if (!existsSync(process.env.RADAR_CHROMIUM ?? '/usr/bin/chromium')) {
  process.stdout.write(
    '\nend-to-end tests not run: /usr/bin/chromium is missing (apt-get install -y chromium)\n',
  )
  totals.failed++
} else {
  const e2eOk = run('end-to-end tests (Playwright: Chromium browser mode + Electron)', bin('playwright'), [
    'test',
  ])
  const report = readJson('test-results/playwright.json')
  if (report) {
    totals.passed += report.stats.expected
    totals.failed += report.stats.unexpected + report.stats.flaky
    totals.skipped += report.stats.skipped
  } else if (!e2eOk) totals.failed++
}

process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`)
process.exit(totals.failed > 0 ? 1 : 0)
