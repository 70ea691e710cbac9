// `npm test`: rebuilds dist/ (the end-to-end tests run the bundle exactly as the runner
// does), installs the pinned real Ghost versions unless a developer opted out, then runs
// every __tests__/**/*.test.ts with node's test runner.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const ci = process.env.CI === 'true'
const realGhost = ci || process.env.GHOST_TESTS !== '0'

console.log('Building dist/ ...')
run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] })

if (realGhost) run('npx', ['tsx', 'scripts/ghost/install.ts'])
else console.log('GHOST_TESTS=0: skipping the tests against real Ghost servers.')

const testFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return testFiles(path)
    return entry.name.endsWith('.test.ts') ? [path] : []
  })

const files = testFiles('__tests__').sort()
const extra = process.argv.slice(2)
run(process.execPath, [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-timeout=600000',
  ...extra,
  ...(extra.some((arg) => arg.endsWith('.ts')) ? [] : files),
])
