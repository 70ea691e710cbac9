import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { ManifestFile } from '../../src/backup/manifest.js'
import { tempDir } from '../support/run-fake-backup.js'

const HOOK = fileURLToPath(new URL('../support/max-rss.mjs', import.meta.url))
const CHILD = fileURLToPath(new URL('./verify-child.ts', import.meta.url))
const MiB = 1024 * 1024

/** A backup of nothing but `count` media files of `size` MiB each, written a chunk at a time. */
async function backupOfMedia(count: number, size: number): Promise<string> {
  const dir = path.join(await tempDir(), 'backup')
  await mkdir(path.join(dir, 'media'), { recursive: true })
  const chunk = randomBytes(MiB)
  const files: ManifestFile[] = []
  for (let i = 0; i < count; i++) {
    const relative = `media/clip-${i}.mp4`
    const hash = createHash('sha256')
    const out = createWriteStream(path.join(dir, relative))
    for (let n = 0; n < size; n++) {
      hash.update(chunk)
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
    }
    await new Promise<void>((resolve) => out.end(() => resolve()))
    files.push({ path: relative, size: size * MiB, sha256: hash.digest('hex') })
  }
  const site = { title: 'Big', url: 'https://example.com/', adminUrl: 'https://example.com/', ghostVersion: '6.65.0' }
  const manifest = { format: 1, site, parts: ['media'], counts: {}, files, missing: [], external: [], unsafe: [] }
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest))
  return dir
}

async function peakRssOfVerify(dir: string): Promise<{ peak: number; bytes: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', HOOK, CHILD, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise((resolve) => child.on('close', resolve))
  assert.equal(code, 0, stderr)
  const report = JSON.parse(stdout)
  assert.deepEqual(report.problems, [])
  const [, peak] = /memory peak-rss=(\d+)/.exec(stderr)!
  return { peak: Number(peak) / MiB, bytes: report.checked.bytes }
}

describe('verify memory', () => {
  it('hashes 8 MiB and 320 MiB of files in the same memory', async (t) => {
    const small = await peakRssOfVerify(await backupOfMedia(8, 1))
    const large = await peakRssOfVerify(await backupOfMedia(5, 64))
    assert.deepEqual([small.bytes, large.bytes], [8 * MiB, 320 * MiB])
    t.diagnostic(`peak RSS: ${small.peak.toFixed(1)} MiB for 8 MiB, ${large.peak.toFixed(1)} MiB for 320 MiB`)
    // One reused buffer per file being hashed: a file held whole would add 64 MiB or more,
    // and a fresh buffer per chunk (as a read stream makes) about 20 before the collector runs.
    assert.ok(large.peak < small.peak + 16, 'peak RSS grows with the size of the files')
  })
})
