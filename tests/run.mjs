#!/usr/bin/env node
// Runs vitest and ends with the plain line CI reads: `N passed, N failed` (vitest's own summary is not read).
// Usage: node tests/run.mjs [--e2e] [vitest args…]; the exit code is vitest's.
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'

const args = process.argv.slice(2)
const e2e = args[0] === '--e2e'
const rest = e2e ? args.slice(1) : args
const outputFile = path.resolve('.test-results', e2e ? 'e2e.json' : 'unit.json')
mkdirSync(path.dirname(outputFile), { recursive: true })
rmSync(outputFile, { force: true })

const vitestArgs = [
  'vitest',
  'run',
  ...(e2e ? ['--config', 'vitest.e2e.config.ts'] : []),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${outputFile}`,
  ...rest,
]
const child = spawn('npx', vitestArgs, { stdio: 'inherit' })
const forward = (signal) => child.kill(signal)
process.on('SIGINT', forward)
process.on('SIGTERM', forward)

child.on('exit', (code, signal) => {
  let passed = 0
  let failed = 0
  let skipped = 0
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'))
    passed = report.numPassedTests
    failed = report.numFailedTests
    skipped = report.numPendingTests + report.numTodoTests
    // A file that failed to load has no tests: count it as a failure so the line never hides it.
    failed += report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length
  } catch {
    failed = Math.max(failed, 1)
  }
  const exitCode = code ?? (signal ? 1 : 0)
  if (exitCode !== 0 && failed === 0) failed = 1
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
  process.exit(exitCode)
})
