import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { FakeGhost, json, siteBody } from '../support/fake-ghost.js'
import { CLI_BUNDLE } from '../support/run-bundle.js'
import { TOKEN, tempDir } from '../support/run-fake-backup.js'

const HOOK = fileURLToPath(new URL('../support/max-rss.mjs', import.meta.url))
const MiB = 1024 * 1024
const IMAGE = randomBytes(200 * 1024)

/** A site whose only post references `count` images of 200 KiB each. */
function serveImages(ghost: FakeGhost, count: number): void {
  const html = Array.from(
    { length: count },
    (_, i) => `<img src="__GHOST_URL__/content/images/2026/01/p${i}.png">`,
  ).join('')
  const body = {
    db: [
      {
        meta: { exported_on: 1, version: '6.65.0' },
        data: { posts: [{ type: 'post', slug: 'p', html }], tags: [], users: [], settings: [] },
      },
    ],
  }
  ghost.on('GET', 'db/', (_req, res) => json(res, 200, body))
}

async function memoryOfBackup(url: string, count: number): Promise<{ peakRss: number; heapUsed: number }> {
  const dir = await tempDir()
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', HOOK, CLI_BUNDLE, '--url', url, '--include', 'content,images', '--path', dir + '/b'],
    {
      env: { ...process.env, GHOST_STAFF_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise((resolve) => child.on('close', resolve))
  assert.equal(code, 0, stderr)
  assert.match(stderr, new RegExp(`Files: ${count} images`))
  const [, peakRss, heapUsed] = /memory peak-rss=(\d+) heap-used=(\d+)/.exec(stderr)!
  return { peakRss: Number(peakRss) / MiB, heapUsed: Number(heapUsed) / MiB }
}

describe('memory', () => {
  let ghost: FakeGhost
  before(async () => {
    ghost = await FakeGhost.start()
    ghost.on('GET', 'site/', (_req, res) => json(res, 200, siteBody('6.65', ghost.url)))
    ghost.on('GET', 'posts/', (_req, res) => json(res, 200, { posts: [], meta: { pagination: { total: 1 } } }))
    ghost.on('GET', 'pages/', (_req, res) => json(res, 200, { posts: [], meta: { pagination: { total: 0 } } }))
    ghost.onPrefix('GET', '/content/images/', (req, res) => {
      if (req.path.endsWith('_o.png')) return void res.writeHead(404).end()
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': IMAGE.length })
      res.end(IMAGE)
    })
  })
  after(() => ghost.stop())

  it('keeps live memory flat from 50 to 500 files (10 to 100 MiB of images)', async (t) => {
    serveImages(ghost, 50)
    const small = await memoryOfBackup(ghost.url, 50)
    serveImages(ghost, 500)
    const large = await memoryOfBackup(ghost.url, 500)
    const show = (m: typeof small) => `peak RSS ${m.peakRss.toFixed(1)} MiB, heap in use ${m.heapUsed.toFixed(1)} MiB`
    t.diagnostic(`50 files: ${show(small)}; 500 files: ${show(large)}`)
    // What stays alive does not grow with the files; RSS may rise a little as the
    // collector runs lazily, but stays well inside the 150 MiB budget.
    assert.ok(large.heapUsed < small.heapUsed + 5, 'heap in use grows with the number of files')
    assert.ok(large.peakRss < 150, 'peak RSS over 150 MiB')
  })
})
