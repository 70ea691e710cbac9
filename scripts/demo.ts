/**
 * `npm run demo`: the whole job on a throwaway site, for someone without a Ghost site
 * at hand. Installs (first time only) and starts a real Ghost on 127.0.0.1, seeds it,
 * backs it up with the bundled action exactly as a runner would start it, prints what
 * the backup holds, and stops the site. `npm run demo -- --ghost 5` uses Ghost 5.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type GhostMajor, startSeededGhost } from './ghost/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const major: GhostMajor = process.argv.includes('5') ? 5 : 6
const backupPath = path.join(root, 'demo-backup')

console.log(`Starting a throwaway Ghost ${major} site and seeding it ...`)
const { site, staff } = await startSeededGhost({ major })
try {
  rmSync(backupPath, { recursive: true, force: true })
  const runner = mkdtempSync(path.join(tmpdir(), 'ghost-backup-demo-'))
  const outputFile = path.join(runner, 'output')
  writeFileSync(outputFile, '')
  console.log(`Backing up ${site.url} with node dist/index.js ...\n`)
  const run = spawnSync(process.execPath, [path.join(root, 'dist/index.js')], {
    stdio: 'inherit',
    env: {
      ...process.env,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: runner,
      INPUT_URL: site.url,
      'INPUT_STAFF-TOKEN': staff.owner.token,
      INPUT_PATH: backupPath,
    },
  })
  rmSync(runner, { recursive: true, force: true })
  if (run.status !== 0) throw new Error(`the action exited with ${run.status}`)

  const manifest = JSON.parse(readFileSync(path.join(backupPath, 'manifest.json'), 'utf8'))
  const byFolder = new Map<string, { files: number; bytes: number }>()
  for (const file of manifest.files as { path: string; size: number }[]) {
    const folder = file.path.split('/')[0]!
    const entry = byFolder.get(folder) ?? { files: 0, bytes: 0 }
    byFolder.set(folder, { files: entry.files + 1, bytes: entry.bytes + file.size })
  }
  console.log(`\nThe backup of '${manifest.site.title}' (Ghost ${manifest.site.ghostVersion}) is in ${backupPath}:`)
  for (const [folder, { files, bytes }] of byFolder) {
    console.log(`  ${`${folder}/`.padEnd(10)} ${String(files).padStart(4)} files ${String(bytes).padStart(10)} bytes`)
  }
  console.log(
    `  counts: ${Object.entries(manifest.counts)
      .map(([name, n]) => `${n} ${name}`)
      .join(', ')}`,
  )
} finally {
  await site.stop()
  console.log('\nThe demo site is stopped.')
}
