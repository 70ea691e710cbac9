import assert from 'node:assert/strict'
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { readBackupSource } from '../../src/restore/backup-source.js'
import { tempDir } from '../support/run-fake-backup.js'
import { PNG, writeFakeBackup } from './fake-backup.js'

describe('reading a backup folder', () => {
  it('finds each part and every site file the manifest lists, with its checksum', async () => {
    const dir = await writeFakeBackup({
      members: ['1,a@example.com,A,,true,false,,2026-01-01,,,'],
      files: { 'images/2026/01/a.png': PNG, 'media/2026/01/clip_thumb.jpg': PNG },
      themes: ['mine'],
      activeTheme: 'mine',
    })
    const source = await readBackupSource(dir)
    assert.deepEqual(source.parts, ['content', 'members', 'themes', 'settings', 'images', 'media'])
    assert.equal(source.content?.path, 'data/content.json')
    assert.equal(source.redirects?.path, 'settings/redirects.yaml')
    assert.deepEqual(
      source.siteFiles.map((file) => [file.kind, file.contentPath, file.size, file.sha256?.length]),
      [
        ['images', '2026/01/a.png', PNG.length, 64],
        ['media', '2026/01/clip_thumb.jpg', PNG.length, 64],
      ],
    )
    assert.deepEqual(source.absent, [])
  })

  it("names a theme as the site did when its zip name had to change ('@' became '-')", async () => {
    const dir = await writeFakeBackup({ themes: ['theme-v2'], activeTheme: 'theme@v2' })
    assert.deepEqual(
      (await readBackupSource(dir)).themes.map((theme) => theme.name),
      ['theme@v2'],
    )
  })

  it('notes files the manifest lists that are gone from the folder', async () => {
    const dir = await writeFakeBackup({ files: { 'images/2026/01/a.png': PNG } })
    await rm(path.join(dir, 'images/2026/01/a.png'))
    const source = await readBackupSource(dir)
    assert.deepEqual(source.absent, ['images/2026/01/a.png'])
    assert.ok(!source.parts.includes('images'))
  })

  it('reads a folder without a manifest by its paths, and never follows a link out of it', async () => {
    const dir = path.join(await tempDir(), 'by-hand')
    await mkdir(path.join(dir, 'images/2026/01'), { recursive: true })
    await writeFile(path.join(dir, 'images/2026/01/a.png'), PNG)
    await symlink('/etc/passwd', path.join(dir, 'images/2026/01/link.png'))
    const source = await readBackupSource(dir)
    assert.deepEqual(source.parts, ['images'])
    assert.deepEqual(
      source.siteFiles.map((file) => file.path),
      ['images/2026/01/a.png'],
    )
    assert.equal(source.manifest, undefined)
  })

  it('refuses a folder that is not a backup, or is missing', async () => {
    await assert.rejects(readBackupSource(await tempDir()), /does not look like a backup/)
    await assert.rejects(readBackupSource('/no/such/folder'), /There is no backup folder at \/no\/such\/folder/)
  })
})
