import assert from 'node:assert/strict'
import { readFile, rm, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { readExportFacts } from '../../src/backup/content-export.js'
import { referenceFinder } from '../../src/verify/check-references.js'
import { verifyBackup } from '../../src/verify/verify-backup.js'
import { tempDir } from '../support/run-fake-backup.js'
import { EXTERNAL_IMAGE, GONE_IMAGE, SERVED, UNSAFE_REFERENCE } from './fake-site.js'
import { copyOf, editManifest, runVerify, wholeBackup } from './support.js'

describe('verifyBackup on backups made by the backup core', () => {
  it('finds a whole backup of every part whole, and says what it checked', async () => {
    const dir = await wholeBackup()
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'))
    // The stand-in's awkward cases all made it into the manifest, so the check below covers them.
    assert.deepEqual(
      manifest.missing.map((file: { path: string }) => file.path),
      [GONE_IMAGE],
    )
    assert.deepEqual(manifest.external, [EXTERNAL_IMAGE])
    assert.deepEqual(manifest.unsafe, [UNSAFE_REFERENCE])
    assert.ok(!manifest.files.some((file: { path: string }) => file.path === 'images/2026/01/b_o.jpg'))

    const report = await verifyBackup(dir)
    assert.deepEqual(report.problems, [])
    assert.equal(report.ok, true)
    const bytes = manifest.files.reduce((sum: number, file: { size: number }) => sum + file.size, 0)
    // a, b, gone, c, logo, clip, report; the external image; the unsafe reference.
    assert.deepEqual(report.checked, { files: manifest.files.length, bytes, references: 9 })
    assert.ok(SERVED.size + 5 <= manifest.files.length)
  })

  it('prints the summary and exits 0 from the command', async () => {
    const dir = await wholeBackup()
    const run = await runVerify([dir])
    assert.equal(run.code, 0)
    assert.deepEqual(run.problems, [])
    assert.match(
      run.summary,
      new RegExp(`^Backup in ${dir} is whole: \\d+ files, \\d+ bytes, 9 references checked\\.$`),
    )
  })

  it('needs no images in a backup of the content alone', async () => {
    const report = await verifyBackup(await wholeBackup({ include: 'content' }))
    assert.deepEqual(report.problems, [])
    assert.equal(report.checked.references, 0)
  })

  it('needs only the parts included: images without media and files', async () => {
    const report = await verifyBackup(await wholeBackup({ include: 'content,images' }))
    assert.deepEqual(report.problems, [])
    // a, b, gone, c, logo; the external image; the unsafe reference.
    assert.equal(report.checked.references, 7)
  })

  it("reads a Ghost 5 site's redirects.json", async () => {
    const dir = await wholeBackup({}, { redirects: 'json' })
    assert.deepEqual((await verifyBackup(dir)).problems, [])
  })

  it('accepts the empty members CSV Ghost gives a site without members', async () => {
    const dir = await wholeBackup({ include: 'members' }, { members: '' })
    assert.deepEqual((await verifyBackup(dir)).problems, [])
  })

  it('reports a folder that does not exist, and one that is no backup', async () => {
    const missing = path.join(await tempDir(), 'nowhere')
    assert.deepEqual((await verifyBackup(missing)).problems, [
      { kind: 'folder', message: `${missing}: no such folder` },
    ])
    const empty = await tempDir()
    assert.deepEqual((await verifyBackup(empty)).problems, [
      {
        kind: 'manifest',
        path: 'manifest.json',
        message:
          'manifest.json: not found: the folder is not a backup made by ghost-backup, or its manifest was deleted',
      },
    ])
  })
})

describe('verifyBackup of a backup just written', () => {
  const CONTENT = 'data/content.json'
  /** The export as the backup read it, straight from the folder. */
  const readAsWritten = async (dir: string) => {
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'))
    const finder = referenceFinder(manifest)
    const facts = await readExportFacts(path.join(dir, CONTENT), (_table, row) => finder.scan(row))
    return { facts, references: finder.found }
  }

  it('holds files by their size: each was hashed as it was written', async () => {
    const dir = await copyOf(await wholeBackup())
    const content = await readAsWritten(dir)
    const image = path.join(dir, 'images/2026/01/a.png')
    const bytes = await readFile(image)
    bytes[0] = bytes[0]! ^ 0xff
    await writeFile(image, bytes)
    assert.deepEqual((await verifyBackup(dir, { justWritten: { content } })).problems, [])
    // Read from disk later, the same change is found.
    assert.deepEqual(
      (await verifyBackup(dir)).problems.map((problem) => `${problem.kind} ${problem.path}`),
      ['checksum images/2026/01/a.png'],
    )
  })

  it('still finds a file gone, a file cut short and a reference not saved', async () => {
    const dir = await copyOf(await wholeBackup())
    const content = await readAsWritten(dir)
    await rm(path.join(dir, 'images/2026/01/a.png'))
    await writeFile(path.join(dir, 'media/2026/01/clip.mp4'), 'cut')
    const site = new URL(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')).site.url)
    content.references.files.set('images/2026/01/never.png', {
      part: 'images',
      path: '2026/01/never.png',
      url: new URL('content/images/2026/01/never.png', site).href,
    })
    const report = await verifyBackup(dir, { justWritten: { content } })
    assert.deepEqual(
      report.problems.map((problem) => `${problem.kind} ${problem.path}`),
      ['missing-file images/2026/01/a.png', 'size media/2026/01/clip.mp4', 'reference images/2026/01/never.png'],
    )
  })
})

describe('verifyBackup on a damaged manifest', () => {
  const damaged = async (edit: (manifest: Record<string, unknown>) => void) => {
    const dir = await copyOf(await wholeBackup({ include: 'content' }))
    await editManifest(dir, (manifest) => edit(manifest as unknown as Record<string, unknown>))
    return runVerify([dir])
  }

  it('names a manifest of another format', async () => {
    const run = await damaged((manifest) => (manifest.format = 2))
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, ['manifest.json: format 2 is not one this version reads (expected 1)'])
    assert.match(run.summary, /^1 problem found in the backup in .*copy\.$/)
  })

  it('names each broken field, and a path that would leave the folder', async () => {
    const run = await damaged((manifest) => {
      const files = manifest.files as Record<string, unknown>[]
      files.push({ path: '../outside.txt', size: 1, sha256: 'x' })
      manifest.parts = 'all'
    })
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      'manifest.json: parts is not a list of names',
      'manifest.json: files[1].path "../outside.txt" is not a relative path inside the backup',
      'manifest.json: files[1].sha256 is not a sha256 (64 hex digits)',
    ])
  })

  it('names a manifest cut short', async () => {
    const dir = await copyOf(await wholeBackup({ include: 'content' }))
    const file = path.join(dir, 'manifest.json')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.slice(0, 100))
    const run = await runVerify([dir])
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, ['manifest.json: not valid JSON (damaged or cut short)'])
  })
})
