import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { getOctokit } from '@actions/github'
import { downloadPreviousBackup, PreviousBackupError } from '../../src/destinations/commit/previous-backup.js'
import { type GitService, startGitService } from '../support/git-service.js'

const owner = 'ghost-backups'
const repo = 'sites'
const token = 'ghs_previousBackupToken'

const siteA: Record<string, Buffer> = {
  'manifest.json': Buffer.from('{"site":"a"}\n'),
  'data/content.json': Buffer.from('{"db":[]}'),
  'data/members.csv': Buffer.alloc(0),
  'images/2024/05/photo.jpg': randomBytes(150_000),
  'images/2024/05/naïve-文件.png': randomBytes(1000),
  [`files/${'long-name-'.repeat(12)}.pdf`]: randomBytes(5000),
}
const siteB: Record<string, Buffer> = {
  'manifest.json': Buffer.from('{"site":"b"}\n'),
  'data/content.json': Buffer.from('{"db":["b"]}'),
}

/** Every file under a folder, by path relative to it. */
function filesIn(folder: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>()
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = join(entry.parentPath, entry.name)
    found.set(file.slice(folder.length + 1), readFileSync(file))
  }
  return found
}

/** A GitHub whose tarball is the one given, for archives git itself would never write. */
async function serveTarball(archive: Buffer): Promise<{ url: string; close(): Promise<void> }> {
  const sha = 'c'.repeat(40)
  const server = createServer((request, response) => {
    if (request.url === `/repos/${owner}/${repo}/git/ref/heads%2Fhostile`) {
      const ref = { ref: 'refs/heads/hostile', object: { sha, type: 'commit' } }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(ref))
    } else if (request.url === `/repos/${owner}/${repo}/tarball/${sha}`) {
      response.writeHead(200, { 'Content-Type': 'application/x-gzip' }).end(archive)
    } else {
      response.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"Not Found"}')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const under = (prefix: string, files: Record<string, Buffer>) =>
  Object.fromEntries(Object.entries(files).map(([path, content]) => [`${prefix}/${path}`, content]))

describe('downloadPreviousBackup', () => {
  let service: GitService
  let octokit: ReturnType<typeof getOctokit>
  let work: string
  let folder: string

  before(async () => {
    service = await startGitService({ owner, repo, token, private: true })
    octokit = getOctokit(token, { baseUrl: service.apiUrl })
  })
  after(() => service.stop())
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'previous-backup-test-'))
    folder = join(work, 'a', 'b', 'previous')
    mkdirSync(folder, { recursive: true })
  })
  afterEach(() => rmSync(work, { recursive: true, force: true }))

  it('gives undefined for a repository without commits, and for a missing branch', async () => {
    const target = { owner, repo, branch: 'backups', commitPath: 'site-a' }
    assert.equal(await downloadPreviousBackup(octokit, target, folder), undefined)
    service.commitFiles('main', { 'README.md': 'hi' }, 'Initial commit')
    assert.equal(await downloadPreviousBackup(octokit, target, folder), undefined)
    assert.deepEqual(readdirSync(folder), [])
  })

  it("writes exactly one site's backup, byte for byte, from the branch's head", async () => {
    service.commitFiles('backups', { ...under('site-a', siteA), ...under('site-b', siteB), 'README.md': 'x' }, 'one')
    const head = service.commitFiles('backups', { 'site-a/data/content.json': '{"db":[1]}' }, 'two')
    const target = { owner, repo, branch: 'backups', commitPath: 'site-a' }
    const result = await downloadPreviousBackup(octokit, target, folder)
    assert.deepEqual(result, { commitSha: head })
    assert.deepEqual(
      filesIn(folder),
      new Map(Object.entries({ ...siteA, 'data/content.json': Buffer.from('{"db":[1]}') })),
    )
    // Asked for by commit, so the files match the returned sha even if the branch moves meanwhile.
    assert.ok(service.requests.some((r) => r.path === `/repos/${owner}/${repo}/tarball/${head}` && r.status === 302))
  })

  it('takes nested commit paths and the branch root', async () => {
    service.commitFiles('nested', under('backups/site-b', siteB), 'nested')
    const nested = { owner, repo, branch: 'nested', commitPath: '/backups/site-b/' }
    await downloadPreviousBackup(octokit, nested, folder)
    assert.deepEqual(filesIn(folder), new Map(Object.entries(siteB)))
    const whole = join(work, 'whole')
    await downloadPreviousBackup(octokit, { ...nested, commitPath: '' }, whole)
    assert.deepEqual(filesIn(whole), new Map(Object.entries(under('backups/site-b', siteB))))
  })

  for (const climbing of ['top/site-a/../../escaped.txt', 'top/site-a/x/../../../escaped.txt', 'ABSOLUTE']) {
    it(`writes nothing outside the folder for an archive entry '${climbing}'`, async () => {
      // git archive refuses such paths, so GitHub never sends them: the archive is made by hand.
      writeFileSync(join(work, 'm'), '{}')
      writeFileSync(join(work, 'x'), 'evil')
      const name = climbing === 'ABSOLUTE' ? join(work, 'escaped.txt') : climbing
      const transform = `s,^m$,top/site-a/manifest.json,;s,^x$,${name},`
      const archive = execFileSync('tar', ['-C', work, '-P', '-cf', '-', `--transform=${transform}`, 'm', 'x'])
      const hostile = await serveTarball(gzipSync(archive))
      try {
        const target = { owner, repo, branch: 'hostile', commitPath: 'site-a' }
        const client = getOctokit(token, { baseUrl: hostile.url })
        await assert.rejects(downloadPreviousBackup(client, target, folder), (error: Error) => {
          assert.ok(error instanceof PreviousBackupError)
          assert.match(error.message, /^Could not unpack 'site-a' in ghost-backups\/sites@hostile: .*unsafe path/)
          return true
        })
      } finally {
        await hostile.close()
      }
      const everything = readdirSync(work, { recursive: true }).map(String)
      assert.deepEqual(
        everything.filter((path) => path.includes('escaped')),
        [],
      )
      assert.deepEqual(readFileSync(join(folder, 'manifest.json'), 'utf8'), '{}')
    })
  }

  it('refuses names with backslashes inside the backup', async () => {
    const git = (args: string[], input = '') =>
      execFileSync('git', ['--git-dir', service.gitDir, ...args], { input })
        .toString()
        .trim()
    const blob = git(['hash-object', '-w', '--stdin'], 'x')
    const site = git(['mktree'], `100644 blob ${blob}\t..\\..\\escaped.txt\n`)
    const commit = service.git(['commit-tree', git(['mktree'], `040000 tree ${site}\tsite-a\n`), '-m', 'backslash'])
    service.git(['update-ref', 'refs/heads/backslash', commit])
    const target = { owner, repo, branch: 'backslash', commitPath: 'site-a' }
    await assert.rejects(downloadPreviousBackup(octokit, target, folder), /unsafe path/)
    assert.deepEqual(readdirSync(folder), [])
  })

  it('reports a refused token without repeating it', async () => {
    const stranger = getOctokit('ghs_notTheRightOne', { baseUrl: service.apiUrl })
    const target = { owner, repo, branch: 'backups', commitPath: 'site-a' }
    await assert.rejects(downloadPreviousBackup(stranger, target, folder), (error: Error) => {
      assert.equal((error as PreviousBackupError).status, 401)
      assert.match(
        error.message,
        /^Could not look up 'site-a' in ghost-backups\/sites@backups: HTTP 401, Bad credentials/,
      )
      assert.ok(!error.message.includes('ghs_'))
      return true
    })
  })

  it('refuses a commit path that climbs out of the branch', async () => {
    const target = { owner, repo, branch: 'backups', commitPath: 'site-a/../..' }
    await assert.rejects(downloadPreviousBackup(octokit, target, folder), /Invalid commit path/)
  })
})
