import assert from 'node:assert/strict'
import { mkdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { copyOf, runVerify, wholeBackup } from './support.js'

const IMAGE = 'images/2026/01/a.png'

describe('the file check', () => {
  const damaged = async (damage: (dir: string) => Promise<void>) => {
    const dir = await copyOf(await wholeBackup())
    await damage(dir)
    return runVerify([dir])
  }

  it('names a file with one byte flipped', async () => {
    const run = await damaged(async (dir) => {
      const file = path.join(dir, IMAGE)
      const bytes = await readFile(file)
      bytes[bytes.length >> 1]! ^= 0xff
      await writeFile(file, bytes)
    })
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [`${IMAGE}: sha256 differs from the manifest (file changed or damaged)`])
    assert.match(run.summary, /^1 problem found in the backup in .*copy\.$/)
  })

  it('names a file deleted from the folder', async () => {
    const run = await damaged((dir) => rm(path.join(dir, 'media/2026/01/clip.mp4')))
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, ['media/2026/01/clip.mp4: listed in the manifest but not in the folder'])
  })

  it('names a file cut short, and one that grew', async () => {
    const run = await damaged(async (dir) => {
      await truncate(path.join(dir, IMAGE), 100)
      await writeFile(path.join(dir, 'files/2026/01/report.pdf'), Buffer.alloc(1501))
    })
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      'files/2026/01/report.pdf: 1501 bytes where the manifest says 1500 (grown or replaced)',
      `${IMAGE}: 100 bytes where the manifest says 3000 (cut short)`,
    ])
    assert.match(run.summary, /^2 problems found/)
  })

  it('names files in the folder the manifest does not list', async () => {
    const run = await damaged(async (dir) => {
      await writeFile(path.join(dir, 'notes.txt'), 'mine')
      await mkdir(path.join(dir, 'images/2026/02'))
      await writeFile(path.join(dir, 'images/2026/02/new.png'), 'png')
    })
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      'images/2026/02/new.png: in the folder but not in the manifest (added after the backup?)',
      'notes.txt: in the folder but not in the manifest (added after the backup?)',
    ])
  })

  it('reads no link in place of a file, and names one added', async () => {
    const run = await damaged(async (dir) => {
      await rm(path.join(dir, IMAGE))
      await symlink('/etc/hostname', path.join(dir, IMAGE))
      await symlink('/etc', path.join(dir, 'etc'))
    })
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      'etc: in the folder but not in the manifest (added after the backup?)',
      `${IMAGE}: not a regular file (a link or a special file)`,
    ])
  })

  it('counts every file checked and every byte read', async () => {
    const dir = await wholeBackup()
    const run = await runVerify([dir])
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'))
    const bytes = manifest.files.reduce((sum: number, file: { size: number }) => sum + file.size, 0)
    assert.ok(run.summary.includes(`: ${manifest.files.length} files, ${bytes} bytes, `), run.summary)
  })
})
