import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import { makePng } from '../../scripts/ghost/png.js'
import { makeZip } from '../../scripts/ghost/zip.js'
import { MANIFEST_FILE } from '../../src/backup/layout.js'
import { type BackupResult, runBackup } from '../../src/backup/run-backup.js'
import { createHttpTransport } from '../../src/ghost/http.js'
import { readSettings } from '../../src/settings/read-settings.js'
import { FakeGhost, json, siteBody } from '../support/fake-ghost.js'
import { type Fault, type FaultOptions, FaultProxy } from '../support/fault-proxy.js'
import { recordingLogger, TOKEN, tempDir } from '../support/run-fake-backup.js'

const API = '/ghost/api/admin/'
const SITE = `${API}site/`
const EXPORT = `${API}db/`
const MEMBERS = `${API}members/upload/`
const THEME = `${API}themes/harness/download/`
const IMAGE = '/content/images/2026/01/photo.png'

const PHOTO = makePng({ width: 64, height: 48, seed: 3 })
const THEME_ZIP = makeZip([
  { name: 'package.json', data: '{"name":"harness","version":"1.0.0"}' },
  { name: 'index.hbs', data: '{{!< default}}'.repeat(200) },
])
// Like Ghost's: no newline after the last record, a note with a comma and a line break.
const MEMBERS_CSV = [
  'id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers',
  '1,ann@example.com,Ann,,true,,,2026-01-01T00:00:00.000Z,,VIP,',
  '2,bob@example.com,Bob,"Met at the fair, 2025\nsecond line of the note",false,,,2026-01-02T00:00:00.000Z,,,',
].join('\n')
const EXPORT_BODY = {
  db: [
    {
      meta: { exported_on: 1764806400000, version: '6.65.0' },
      data: {
        posts: [{ type: 'post', slug: 'welcome', html: `<img src="__GHOST_URL__${IMAGE}">` }],
        tags: [],
        users: [{ email: 'owner@example.com' }],
        settings: [],
      },
    },
  ],
}

/** A whole small site: every part a backup fetches, each answered as Ghost answers it. */
function serveSite(ghost: FakeGhost, siteUrl: string): void {
  const total = (count: number) => ({ meta: { pagination: { total: count } } })
  ghost.on('GET', 'site/', (_req, res) => json(res, 200, siteBody('6.65', siteUrl)))
  ghost.on('GET', 'db/', (_req, res) => json(res, 200, EXPORT_BODY))
  ghost.on('GET', 'posts/', (_req, res) => json(res, 200, total(1)))
  ghost.on('GET', 'pages/', (_req, res) => json(res, 200, total(0)))
  ghost.on('GET', 'members/', (_req, res) => json(res, 200, total(2)))
  // Streamed without a length, as Ghost streams it.
  ghost.on('GET', 'members/upload/', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8' })
    res.end(MEMBERS_CSV)
  })
  ghost.on('GET', 'themes/', (_req, res) =>
    json(res, 200, {
      themes: [
        { name: 'casper', active: false },
        { name: 'harness', active: true },
      ],
    }),
  )
  ghost.on('GET', 'themes/harness/download/', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': THEME_ZIP.length })
    res.end(THEME_ZIP)
  })
  ghost.on('GET', 'settings/routes/yaml/', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/yaml' })
    res.end('routes:\n')
  })
  ghost.on('GET', 'redirects/download/', (_req, res) => {
    res.writeHead(200, {
      'Content-Type': 'application/yaml',
      'Content-Disposition': 'Attachment; filename="redirects.yaml"',
    })
    res.end('301:\n  /old/: /new/\n')
  })
  ghost.onPrefix('GET', IMAGE, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': PHOTO.length })
    res.end(PHOTO)
  })
}

interface Run {
  result?: BackupResult
  error?: Error
  /** Every back-off the retry policy asked for, in ms. */
  sleeps: number[]
}

/** The real backup core through the proxy, every part, with back-offs recorded instead of slept. */
async function backUp(url: string, dir: string, inputs: Record<string, string> = {}): Promise<Run> {
  const all = { url, 'staff-token': TOKEN, path: dir, include: 'all', retries: '3', ...inputs }
  const settings = readSettings((name) => all[name as keyof typeof all] ?? '')
  const sleeps: number[] = []
  const run: Run = { sleeps }
  try {
    run.result = await runBackup(settings, {
      transport: createHttpTransport({ timeoutMs: settings.requestTimeoutMs }),
      retry: { retries: settings.retries, baseDelayMs: 0, maxDelayMs: 0, sleep: async (ms) => void sleeps.push(ms) },
      logger: recordingLogger(),
      now: () => new Date(),
    })
  } catch (error) {
    run.error = error as Error
  }
  return run
}

/** Every file of a backup folder by relative path, with its sha256. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex')
  }
  return files
}

const fileList = (result: BackupResult) => result.manifest.files.map(({ path, sha256 }) => ({ path, sha256 }))

describe('a backup through a proxy that breaks requests (stand-in Ghost)', () => {
  let ghost: FakeGhost
  let proxy: FaultProxy
  /** A second proxy to the same Ghost: "another host" for redirects. */
  let elsewhere: FaultProxy
  let clean: BackupResult
  let dir: string

  before(async () => {
    ;[ghost, proxy, elsewhere] = await Promise.all([FakeGhost.start(), FaultProxy.start(), FaultProxy.start()])
    proxy.target = ghost.url
    elsewhere.target = ghost.url
    // Ghost reports the proxy as its URL, as a site behind nginx does: images come through it too.
    serveSite(ghost, proxy.url)
    const run = await backUp(proxy.url, path.join(await tempDir(), 'clean'))
    assert.ifError(run.error)
    clean = run.result!
  })
  after(() => Promise.all([ghost.stop(), proxy.stop(), elsewhere.stop()]))
  beforeEach(async () => {
    proxy.clear()
    elsewhere.clear()
    dir = path.join(await tempDir(), 'backup')
  })

  it('backs up every part through the proxy when nothing breaks', () => {
    assert.deepEqual(
      clean.manifest.files.map((file) => file.path),
      [
        'data/content.json',
        'data/members.csv',
        'images/2026/01/photo.png',
        'settings/redirects.yaml',
        'settings/routes.yaml',
        'themes/harness.zip',
      ],
    )
    assert.equal(clean.manifest.counts.members, 2)
    assert.equal(
      clean.manifest.files.find((file) => file.path.startsWith('images/'))!.source,
      `${proxy.url}${IMAGE.slice(1)}`,
    )
  })

  /** Fault `times` times on `pattern`, then expect a backup identical to the clean one. */
  interface Recovery extends FaultOptions {
    inputs?: Record<string, string>
    /** How many times the proxy saw `pattern`; default once per fault and once more. */
    asked?: number
  }

  async function recovers(pattern: string, fault: Fault, options: Recovery): Promise<Run> {
    proxy.inject(pattern, fault, options)
    const run = await backUp(proxy.url, dir, options.inputs)
    assert.ifError(run.error)
    assert.deepEqual(fileList(run.result!), fileList(clean))
    // The manifest itself differs in its times; every other file must match byte for byte.
    const withoutManifest = async (folder: string) => ({ ...(await snapshot(folder)), [MANIFEST_FILE]: '' })
    assert.deepEqual(await withoutManifest(dir), await withoutManifest(clean.path))
    const asked = options.asked ?? (options.times ?? 0) + 1
    assert.equal(proxy.count(pattern), asked, `${pattern} was asked again after each fault`)
    return run
  }

  describe('recovers, with a backup identical to a clean one', () => {
    const cases: [string, string, Fault, number][] = [
      ['/site/ after two 502s', SITE, { kind: 'status', status: 502 }, 2],
      ['/site/ cut short without a length', SITE, { kind: 'truncate', declared: false }, 1],
      ['the content export after two 503s', EXPORT, { kind: 'status', status: 503 }, 2],
      ['the content export after a reset mid-body', EXPORT, { kind: 'reset' }, 1],
      ['the content export cut short of its Content-Length', EXPORT, { kind: 'truncate' }, 1],
      ['the content export cut short without a length', EXPORT, { kind: 'truncate', declared: false }, 1],
      ['the members CSV after a reset mid-body', MEMBERS, { kind: 'reset' }, 1],
      [
        'the members CSV cut inside a quoted note',
        MEMBERS,
        { kind: 'truncate', declared: false, keep: MEMBERS_CSV.indexOf('second line') },
        1,
      ],
      [
        'the members CSV cut inside its last line',
        MEMBERS,
        { kind: 'truncate', declared: false, keep: MEMBERS_CSV.length - 3 },
        1,
      ],
      ['a theme zip after a 504', THEME, { kind: 'status', status: 504 }, 1],
      ['a theme zip cut short of its Content-Length', THEME, { kind: 'truncate' }, 2],
      ['a theme zip cut short without a length', THEME, { kind: 'truncate', declared: false }, 1],
      [
        'a theme zip cut inside its last record',
        THEME,
        { kind: 'truncate', declared: false, keep: THEME_ZIP.length - 3 },
        1,
      ],
      ['an image after two 503s', IMAGE, { kind: 'status', status: 503 }, 2],
      ['an image after a reset mid-body', IMAGE, { kind: 'reset' }, 1],
      ['an image cut short of its Content-Length', IMAGE, { kind: 'truncate' }, 1],
    ]
    for (const [name, pattern, fault, times] of cases) {
      it(name, async () => void (await recovers(pattern, fault, { times })))
    }

    it('waits as long as a 429 Retry-After asks', async () => {
      const run = await recovers(EXPORT, { kind: 'too-many', retryAfter: 2 }, { times: 2 })
      assert.deepEqual(run.sleeps, [2000, 2000])
    })

    it('an image after a 429 with Retry-After', async () => {
      const run = await recovers(IMAGE, { kind: 'too-many', retryAfter: 1 }, { times: 1 })
      assert.deepEqual(run.sleeps, [1000])
    })

    // Each waits out one request-timeout of 1 s before the retry.
    const stalls: [string, string, Fault][] = [
      ['the content export stalled after its head', EXPORT, { kind: 'stall', after: 'headers' }],
      ['the members CSV stalled halfway', MEMBERS, { kind: 'stall', after: 'half-body' }],
      ['/site/ that never answers', SITE, { kind: 'stall', after: 'request' }],
      ['an image stalled halfway', IMAGE, { kind: 'stall', after: 'half-body' }],
    ]
    for (const [name, pattern, fault] of stalls) {
      it(name, async () => void (await recovers(pattern, fault, { times: 1, inputs: { 'request-timeout': '1' } })))
    }

    it('an image redirected to another host, which is followed (no credentials go with it)', async () => {
      await recovers(IMAGE, { kind: 'redirect', origin: elsewhere.url }, { times: 1, asked: 1 })
      assert.equal(elsewhere.count(IMAGE), 1)
    })
  })

  /** A run that fails must leave 'path' as it was and no staging folder beside it. */
  async function failsCleanly(run: Run, expected: RegExp, before?: Record<string, string>) {
    assert.ok(run.error, 'the backup failed')
    assert.match(run.error.message, expected)
    assert.doesNotMatch(run.error.message, /\n/, 'one line')
    assert.ok(!run.error.message.includes(TOKEN.split(':')[1]!))
    if (before) assert.deepEqual(await snapshot(dir), before, 'the previous backup is untouched')
    else assert.ok(!existsSync(dir), "nothing is left in 'path'")
    assert.deepEqual(
      (await readdir(path.dirname(dir))).filter((name) => name.includes('.partial-')),
      [],
      'no staging folder is left behind',
    )
  }

  describe('fails cleanly, leaving the previous backup untouched', () => {
    it('when the content export keeps answering 503', async () => {
      await backUp(proxy.url, dir)
      const before = await snapshot(dir)
      proxy.clear()
      proxy.inject(EXPORT, { kind: 'status', status: 503 })
      const run = await backUp(proxy.url, dir, { retries: '2' })
      await failsCleanly(run, /^GET \/db\/ failed with HTTP 503\. Tried 3 times: .*Run the backup again later/, before)
      assert.equal(proxy.count(EXPORT), 3)
    })

    it('when an image keeps breaking off, with the image named', async () => {
      proxy.inject(IMAGE, { kind: 'reset' })
      const run = await backUp(proxy.url, dir, { retries: '1' })
      await failsCleanly(run, /^GET \/content\/images\/2026\/01\/photo\.png: .*\. Tried 2 times/)
      assert.equal(proxy.count(IMAGE), 2)
    })

    it('when the members CSV keeps stalling past request-timeout', async () => {
      proxy.inject(MEMBERS, { kind: 'stall', after: 'half-body' })
      const run = await backUp(proxy.url, dir, { retries: '1', 'request-timeout': '1' })
      await failsCleanly(run, /^GET \/members\/upload\/: .*no data .* for 1 s.*'request-timeout'.*Tried 2 times/)
      assert.equal(proxy.count(MEMBERS), 2)
    })

    it('when /site/ keeps answering 502, saying the site could not be reached', async () => {
      proxy.inject(SITE, { kind: 'status', status: 502 })
      const run = await backUp(proxy.url, dir, { retries: '1' })
      await failsCleanly(
        run,
        /^Could not reach \S+\/site\/ after 2 attempts \(HTTP 502\)\. Check 'url' and that the site is up/,
      )
      assert.equal(proxy.count(API), 2, 'nothing after /site/ was asked')
    })

    it('when /site/ is an HTML page, named and not retried', async () => {
      proxy.inject(SITE, { kind: 'html', title: 'Just a moment...' })
      const run = await backUp(proxy.url, dir)
      await failsCleanly(run, /'url' does not look like a Ghost site: .*an HTML page titled 'Just a moment\.\.\.'/)
      assert.equal(proxy.count(SITE), 1)
    })

    it('when the content export is an HTML page, not retried', async () => {
      proxy.inject(EXPORT, { kind: 'html' })
      const run = await backUp(proxy.url, dir)
      await failsCleanly(run, /content export is not valid JSON \(it is an HTML page\)/)
      assert.equal(proxy.count(EXPORT), 1)
    })

    it('when a theme download is an HTML page, named and not retried', async () => {
      proxy.inject(THEME, { kind: 'html', title: 'Site under maintenance' })
      const run = await backUp(proxy.url, dir)
      await failsCleanly(
        run,
        /theme 'harness' is not a zip file but an HTML page titled 'Site under maintenance'.*check that 'url'/,
      )
      assert.equal(proxy.count(THEME), 1)
    })

    it('when the content export is redirected to another host, which is never followed', async () => {
      proxy.inject(EXPORT, { kind: 'redirect', origin: elsewhere.url })
      const run = await backUp(proxy.url, dir)
      await failsCleanly(
        run,
        /^GET \/db\/ was redirected \(HTTP 301\) to http:\/\/127\.0\.0\.1:\d+\/ghost\/api\/admin\/db\//,
      )
      assert.equal(proxy.count(EXPORT), 1)
      assert.equal(elsewhere.requests.length, 0, 'the credentials never went to the other host')
    })

    it('when /site/ is redirected to another host', async () => {
      proxy.inject(SITE, { kind: 'redirect', origin: elsewhere.url, status: 302 })
      const run = await backUp(proxy.url, dir)
      await failsCleanly(run, /^GET \/site\/ was redirected \(HTTP 302\)/)
      assert.equal(elsewhere.requests.length, 0)
    })

    it('never retries a login, whatever the answer', async () => {
      ghost.on('POST', 'session/', (_req, res) => json(res, 201, {}))
      proxy.inject(`${API}session/`, { kind: 'status', status: 503 }, { method: 'POST' })
      const run = await backUp(proxy.url, dir, {
        'staff-token': '',
        username: 'owner@example.com',
        password: 'not-tried-twice',
      })
      await failsCleanly(run, /^Login failed for owner@example\.com with HTTP 503\. .*not retried/)
      assert.equal(proxy.count(`${API}session/`, 'POST'), 1)
    })
  })
})
