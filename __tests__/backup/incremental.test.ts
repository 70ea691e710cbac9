import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadPreviousBackup } from '../../src/backup/previous.js'
import { runBackup } from '../../src/backup/run-backup.js'
import { createHttpTransport } from '../../src/ghost/http.js'
import { readSettings } from '../../src/settings/read-settings.js'
import { FakeGhost, json, siteBody } from '../support/fake-ghost.js'
import { recordingLogger, TOKEN, tempDir } from '../support/run-fake-backup.js'

const images = new Map([
  ['2026/01/a.png', randomBytes(5000)],
  ['2026/01/b.png', randomBytes(7000)],
])

describe('a backup with the previous one at hand', () => {
  let ghost: FakeGhost
  let exportedOn = 1
  let html = [...images.keys()].map((name) => `<img src="__GHOST_URL__/content/images/${name}">`).join('')
  before(async () => {
    ghost = await FakeGhost.start()
    ghost.on('GET', 'site/', (_req, res) => json(res, 200, siteBody('6.65', ghost.url)))
    ghost.on('GET', 'db/', (_req, res) =>
      json(res, 200, {
        db: [
          {
            meta: { exported_on: exportedOn++, version: '6.65.0' },
            data: { posts: [{ type: 'post', html }], tags: [], users: [], settings: [] },
          },
        ],
      }),
    )
    ghost.on('GET', 'posts/', (_req, res) => json(res, 200, { meta: { pagination: { total: 1 } } }))
    ghost.on('GET', 'pages/', (_req, res) => json(res, 200, { meta: { pagination: { total: 0 } } }))
    // Serves each image with an ETag and honours If-None-Match as a web server would.
    ghost.onPrefix('GET', '/content/images/', (req, res) => {
      const bytes = images.get(req.path.slice('/content/images/'.length))
      if (!bytes) return void res.writeHead(404).end()
      const etag = `"${bytes.length}-${bytes[0]}"`
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end()
      res.writeHead(200, { ETag: etag, 'Content-Length': bytes.length }).end(bytes)
    })
  })
  after(() => ghost.stop())

  const backup = async (dir: string, previousDir = dir) => {
    const settings = readSettings(
      (name) => ({ url: ghost.url, 'staff-token': TOKEN, include: 'content,images', path: dir })[name] ?? '',
    )
    const logger = recordingLogger()
    const deps = {
      transport: createHttpTransport({ timeoutMs: 5000 }),
      retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0, sleep: async () => {} },
      logger,
      now: () => new Date(),
    }
    return runBackup(settings, deps, await loadPreviousBackup(previousDir, logger))
  }

  it('downloads nothing again from an unchanged site and keeps the files byte for byte', async () => {
    const dir = path.join(await tempDir(), 'backup')
    const first = await backup(dir)
    assert.equal(first.downloadedBytes, 12000)
    assert.deepEqual(first.changes, { new: 3, changed: 0, unchanged: 0, removed: 0 })
    const content = await readFile(path.join(dir, 'data/content.json'))

    ghost.requests.length = 0
    const second = await backup(dir)
    assert.equal(second.downloadedBytes, 0)
    assert.deepEqual(second.changes, { new: 0, changed: 0, unchanged: 3, removed: 0 })
    assert.deepEqual(
      await readFile(path.join(dir, 'data/content.json')),
      content,
      'only exported_on differed: the old file is kept',
    )
    for (const [name, bytes] of images) assert.deepEqual(await readFile(path.join(dir, 'images', name)), bytes)
    const conditional = ghost.requests.filter((r) => r.path === '/content/images/2026/01/a.png')
    assert.equal(conditional.length, 1)
    assert.ok(
      conditional.every((r) => r.headers['if-none-match']),
      'asked with If-None-Match',
    )
  })

  it("asks about the previous backup's files while Ghost is still building the export", async () => {
    const dir = path.join(await tempDir(), 'backup')
    await backup(dir)
    const answer = ghost.routeFor('GET', 'db/')!
    const asked = () => [...images.keys()].every((name) => ghost.requests.some((r) => r.path.endsWith(name)))
    let askedFirst = false
    ghost.on('GET', 'db/', async (request, res) => {
      // Held until the files were asked about, or a while: asked only after the export, they never would be.
      for (let waited = 0; waited < 3000 && !asked(); waited += 20) await new Promise((r) => setTimeout(r, 20))
      askedFirst = asked()
      answer(request, res)
    })
    try {
      ghost.requests.length = 0
      const second = await backup(dir)
      assert.equal(askedFirst, true)
      assert.equal(second.downloadedBytes, 0)
      // Each once: asked about early, not again once the export named it.
      for (const name of images.keys()) assert.equal(ghost.requests.filter((r) => r.path.endsWith(name)).length, 1)
    } finally {
      ghost.on('GET', 'db/', answer)
    }
  })

  it("fetches a file again when the content references it at another URL, leaving the previous backup's copy as it was", async () => {
    const previous = path.join(await tempDir(), 'backup')
    await backup(previous)
    const name = '2026/01/a.png'
    const before = images.get(name)!
    // The previous backup got it from another URL; asked there, the server says "unchanged" (the same ETag).
    const manifestFile = path.join(previous, 'manifest.json')
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'))
    manifest.files.find((file: { path: string }) => file.path === `images/${name}`).source += '?v=old'
    await writeFile(manifestFile, JSON.stringify(manifest))
    const now = Buffer.concat([before.subarray(0, 1), randomBytes(before.length - 1)])
    images.set(name, now)
    try {
      const dir = path.join(await tempDir(), 'next')
      const next = await backup(dir, previous)
      assert.deepEqual(await readFile(path.join(dir, 'images', name)), now)
      assert.deepEqual(await readFile(path.join(previous, 'images', name)), before)
      assert.equal(next.downloadedBytes, now.length)
    } finally {
      images.set(name, before)
    }
  })

  it('counts a changed, a new and a removed file', async () => {
    const dir = path.join(await tempDir(), 'backup')
    await backup(dir)
    images.set('2026/01/a.png', randomBytes(5001))
    images.set('2026/01/c.png', randomBytes(100))
    images.delete('2026/01/b.png')
    html = [...images.keys()].map((name) => `<img src="__GHOST_URL__/content/images/${name}">`).join('')
    const next = await backup(dir)
    assert.deepEqual(next.changes, { new: 1, changed: 2, unchanged: 0, removed: 1 })
    assert.equal(next.downloadedBytes, 5101)
  })
})
