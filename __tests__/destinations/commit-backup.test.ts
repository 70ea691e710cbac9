import assert from 'node:assert/strict'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { getOctokit } from '@actions/github'
import type { Manifest } from '../../src/backup/manifest.js'
import { commitBackup } from '../../src/destinations/commit/commit-backup.js'
import { type GitService, startGitService } from '../support/git-service.js'
import { recordingLogger, tempDir } from '../support/run-fake-backup.js'

const owner = 'octo'
const repo = 'blog'
const token = 'ghs_commitBackupTest'

function manifest(files: Record<string, string>, startedAt: string): Manifest {
  return {
    format: 1,
    tool: { name: 'ghost-backup-action', version: '1.0.0' },
    site: { title: 'Blog', url: 'https://example.com/', adminUrl: 'https://example.com/', ghostVersion: '6.65.0' },
    auth: 'staff-token',
    startedAt,
    finishedAt: startedAt,
    parts: ['content', 'images'],
    counts: {},
    files: Object.entries(files).map(([p, text]) => ({ path: p, size: text.length, sha256: text })),
    missing: [],
    external: [],
    unsafe: [],
  }
}

/** Writes a backup folder: the files plus a manifest stamped with `startedAt`. */
async function writeBackup(dir: string, files: Record<string, string>, startedAt: string): Promise<Manifest> {
  await rm(dir, { recursive: true, force: true })
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true })
    await writeFile(path.join(dir, relative), text)
  }
  const stamped = manifest(files, startedAt)
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(stamped))
  return stamped
}

describe('commitBackup against a Git Data API backed by git', () => {
  let service: GitService
  let dir: string
  const site: Record<string, string> = {
    'data/content.json': '{"db":[1]}',
    'images/2026/01/a.png': 'PNG-A',
    'images/2026/01/b.png': 'PNG-B',
  }
  const commit = (previousManifest?: Manifest) =>
    commitBackup(
      getOctokit(token, { baseUrl: service.apiUrl }),
      dir,
      {
        owner,
        repo,
        branch: 'ghost-backup',
        commitPath: 'example.com',
        message: 'Back up example.com',
        previousManifest,
      },
      'https://github.com',
      recordingLogger(),
    )
  const log = () => service.git(['log', '--format=%H %P|%s', 'ghost-backup']).split('\n')
  const filesAt = (ref: string) => service.git(['ls-tree', '-r', '--name-only', ref]).split('\n')
  const changedIn = (ref: string) =>
    service.git(['diff-tree', '--no-commit-id', '--name-status', '-r', `${ref}~1`, ref]).split('\n')

  before(async () => {
    service = await startGitService({ owner, repo, token })
    service.commitFiles('main', { 'README.md': 'code lives here' }, 'Initial commit')
    dir = path.join(await tempDir(), 'backup')
  })
  after(() => service.stop())

  let first: Manifest
  it('creates the branch without history, holding the backup under the commit path', async () => {
    first = await writeBackup(dir, site, '2026-12-01T03:17:00Z')
    const result = await commit()
    assert.equal(result.changed, true)
    assert.equal(result.url, `https://github.com/octo/blog/commit/${result.sha}`)
    assert.equal(service.git(['rev-parse', 'ghost-backup']), result.sha)
    assert.deepEqual(log(), [`${result.sha} |Back up example.com`], 'one commit, no parent')
    assert.deepEqual(filesAt('ghost-backup'), [
      'example.com/data/content.json',
      'example.com/images/2026/01/a.png',
      'example.com/images/2026/01/b.png',
      'example.com/manifest.json',
    ])
    assert.equal(service.git(['show', 'ghost-backup:example.com/images/2026/01/a.png']), 'PNG-A')
  })

  it('makes no commit when only the manifest times changed', async () => {
    await writeBackup(dir, site, '2026-12-02T03:17:00Z')
    service.requests.length = 0
    const result = await commit(first)
    assert.equal(result.changed, false)
    assert.equal(result.sha, service.git(['rev-parse', 'ghost-backup']))
    assert.equal(log().length, 1)
    assert.equal(service.requests.filter((r) => r.method === 'POST').length, 0, 'nothing was sent')
  })

  it('commits a changed post as one commit touching only what changed', async () => {
    const previous = JSON.parse(service.git(['show', 'ghost-backup:example.com/manifest.json'])) as Manifest
    site['data/content.json'] = '{"db":[2]}'
    await writeBackup(dir, site, '2026-12-03T03:17:00Z')
    service.requests.length = 0
    const result = await commit(previous)
    assert.equal(result.changed, true)
    assert.deepEqual(changedIn('ghost-backup'), ['M\texample.com/data/content.json', 'M\texample.com/manifest.json'])
    const blobs = service.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git/blobs'))
    assert.equal(blobs.length, 2, 'only the changed files were uploaded')
    assert.equal(log().length, 2)
  })

  it('removes an image that is gone from the site', async () => {
    delete site['images/2026/01/b.png']
    await writeBackup(dir, site, '2026-12-04T03:17:00Z')
    const result = await commit()
    assert.equal(result.removed, 1)
    assert.deepEqual(changedIn('ghost-backup'), ['D\texample.com/images/2026/01/b.png', 'M\texample.com/manifest.json'])
  })

  it('rebuilds the commit on a branch that moved during the run, never forcing', async () => {
    site['images/2026/01/c.png'] = 'PNG-C'
    await writeBackup(dir, site, '2026-12-05T03:17:00Z')
    const before = service.git(['rev-parse', 'ghost-backup'])
    let other = ''
    service.onBeforeUpdateRef(() => {
      other = service.commitFiles('ghost-backup', { 'other-site.org/manifest.json': '{}' }, 'Back up other-site.org')
    })
    const result = await commit()
    assert.equal(result.changed, true)
    assert.equal(service.git(['rev-parse', 'ghost-backup^']), other, 'built on the commit that landed first')
    assert.equal(service.git(['rev-parse', 'ghost-backup~2']), before)
    assert.ok(filesAt('ghost-backup').includes('other-site.org/manifest.json'), "the other backup's files are kept")
    assert.ok(filesAt('ghost-backup').includes('example.com/images/2026/01/c.png'))
  })

  it('names a file over the 40 MiB GitHub takes, and commits nothing', async () => {
    const head = service.git(['rev-parse', 'ghost-backup'])
    await writeFile(path.join(dir, 'images/2026/01/huge.mp4'), Buffer.alloc(40 * 1024 * 1024 + 1))
    await assert.rejects(
      commit(),
      /'images\/2026\/01\/huge\.mp4' is 40\.0 MiB, over the 40 MiB GitHub accepts.*exclude.*destination: artifact/,
    )
    assert.equal(service.git(['rev-parse', 'ghost-backup']), head)
    assert.equal(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')).format, 1)
  })
})
