import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import { FakeGhost, ghostError, json, serveExport, siteBody } from '../support/fake-ghost.js'
import { recordingLogger, runFakeBackup, TOKEN, tempDir } from '../support/run-fake-backup.js'

describe('runBackup against a stand-in Ghost', () => {
  let ghost: FakeGhost
  let dir: string
  before(async () => {
    ghost = await FakeGhost.start()
  })
  after(() => ghost.stop())
  beforeEach(async () => {
    ghost.requests.length = 0
    dir = path.join(await tempDir(), 'backup')
    ghost.on('GET', 'site/', (_req, res) => json(res, 200, siteBody()))
    serveExport(ghost, [
      { type: 'post', slug: 'a' },
      { type: 'post', slug: 'b' },
      { type: 'page', slug: 'about' },
    ])
  })

  it('saves the content export and a manifest with a staff token', async () => {
    const logger = recordingLogger()
    const result = await runFakeBackup(ghost.url, { path: dir }, logger)
    const saved = await readFile(path.join(dir, 'data/content.json'))
    assert.equal(JSON.parse(saved.toString()).db[0].meta.version, '6.65.0')
    assert.deepEqual(result.manifest.counts, { posts: 2, pages: 1, tags: 1, users: 1 })
    assert.equal(result.manifest.auth, 'staff-token')
    assert.deepEqual(result.manifest.files, [
      {
        path: 'data/content.json',
        size: saved.length,
        sha256: createHash('sha256').update(saved).digest('hex'),
        source: `${ghost.url}ghost/api/admin/db/`,
      },
    ])
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'))
    assert.equal(manifest.site.ghostVersion, '6.65.0')
    assert.ok(!JSON.stringify(manifest).includes(TOKEN.split(':')[1]!))
    assert.deepEqual((await readdir(path.dirname(dir))).sort(), ['backup'])
  })

  it('asks /site/ without credentials and signs a fresh JWT for the export', async () => {
    const logger = recordingLogger()
    await runFakeBackup(ghost.url, { path: dir }, logger)
    const site = ghost.requests.find((r) => r.path.endsWith('/site/'))!
    const db = ghost.requests.find((r) => r.path.endsWith('/db/'))!
    assert.equal(site.headers.authorization, undefined)
    assert.match(String(db.headers.authorization), /^Ghost [\w-]+\.[\w-]+\.[\w-]+$/)
    const jwt = String(db.headers.authorization).slice('Ghost '.length)
    assert.ok(logger.secrets.includes(jwt), 'the JWT is masked before use')
  })

  it('replaces an earlier backup in the same folder', async () => {
    await runFakeBackup(ghost.url, { path: dir })
    await writeFile(path.join(dir, 'data/stale.json'), '{}')
    await runFakeBackup(ghost.url, { path: dir })
    assert.deepEqual(await readdir(path.join(dir, 'data')), ['content.json'])
  })

  it('refuses a folder of other files before contacting Ghost', async () => {
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, 'notes.txt'), 'mine')
    await assert.rejects(
      runFakeBackup(ghost.url, { path: dir }),
      /^InputError: Invalid 'path' .* It holds files that are not a backup/,
    )
    assert.equal(ghost.requests.length, 0)
    assert.deepEqual(await readdir(dir), ['notes.txt'])
  })

  it('keeps the previous backup whole when a run fails', async () => {
    await runFakeBackup(ghost.url, { path: dir })
    const before = await readFile(path.join(dir, 'data/content.json'), 'utf8')
    ghost.on('GET', 'db/', (_req, res) => json(res, 500, ghostError('InternalServerError', 'Boom')))
    ghost.requests.length = 0
    await assert.rejects(runFakeBackup(ghost.url, { path: dir, retries: '1' }), /GET \/db\/ failed with HTTP 500: Boom/)
    assert.equal(await readFile(path.join(dir, 'data/content.json'), 'utf8'), before)
    assert.equal(ghost.count('GET', 'db/'), 2, 'a 5xx is tried again')
    assert.deepEqual(await readdir(path.dirname(dir)), ['backup'])
  })

  it('fails on an export cut short, after retrying, leaving nothing behind', async () => {
    ghost.on('GET', 'db/', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' })
      res.write('{"db":[{"meta":', () => res.destroy())
    })
    await assert.rejects(
      runFakeBackup(ghost.url, { path: dir, retries: '2' }),
      /GET \/db\/: the (response ended after|download broke off)/,
    )
    assert.equal(ghost.count('GET', 'db/'), 3)
    assert.deepEqual(await readdir(path.dirname(dir)), [])
  })

  it('names an HTML page where the export should be', async () => {
    ghost.on('GET', 'db/', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<!DOCTYPE html><html><head><title>Site down for maintenance</title></head></html>')
    })
    await assert.rejects(
      runFakeBackup(ghost.url, { path: dir }),
      /content export is not valid JSON \(it is an HTML page\)/,
    )
    assert.equal(ghost.count('GET', 'db/'), 1, 'a wrong answer is not retried')
  })

  it('says a URL that serves HTML is not a Ghost site', async () => {
    ghost.on('GET', 'site/', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end('<html><head><title>Welcome to nginx!</title></head></html>')
    })
    await assert.rejects(
      runFakeBackup(ghost.url, { path: dir }),
      /'url' does not look like a Ghost site: GET .*\/ghost\/api\/admin\/site\/: expected JSON from Ghost but got an HTML page titled 'Welcome to nginx!' \(HTTP 200, text\/html\)/,
    )
    assert.equal(ghost.count('GET', 'db/'), 0)
  })

  it('says a 404 for /site/ is not a Ghost site', async () => {
    ghost.on('GET', 'site/', (_req, res) => json(res, 404, ghostError('NotFoundError', 'Resource not found')))
    await assert.rejects(
      runFakeBackup(ghost.url, { path: dir }),
      /'url' does not look like a Ghost site: GET \S+ answered HTTP 404/,
    )
  })

  it('reports a redirect to another host and never follows it', async () => {
    ghost.on('GET', 'db/', (_req, res) => {
      res.writeHead(301, { Location: 'https://elsewhere.example/ghost/api/admin/db/' })
      res.end()
    })
    await assert.rejects(
      runFakeBackup(ghost.url, { path: dir }),
      /GET \/db\/ was redirected \(HTTP 301\) to https:\/\/elsewhere\.example\/ghost\/api\/admin\/db\/\. Ghost Admin is served from https:\/\/elsewhere\.example\/: set 'admin-url'/,
    )
  })

  it('points at admin-url when /site/ redirects to the admin host', async () => {
    ghost.on('GET', 'site/', (_req, res) => {
      res.writeHead(301, { Location: 'https://name.ghost.io/ghost/api/admin/site/' })
      res.end()
    })
    await assert.rejects(runFakeBackup(ghost.url, { path: dir }), /set 'admin-url' to https:\/\/name\.ghost\.io\//)
  })
})
