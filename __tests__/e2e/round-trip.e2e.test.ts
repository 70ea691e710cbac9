import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  createStaff,
  type GhostMajor,
  type GhostSite,
  type SeededGhost,
  startGhost,
  startSeededGhost,
} from '../../scripts/ghost/index.js'
import { createBackupDependencies } from '../../src/backup/dependencies.js'
import { runBackup } from '../../src/backup/run-backup.js'
import { createRestoreDependencies } from '../../src/restore/dependencies.js'
import { restoreBackup, type RestoreReport } from '../../src/restore/restore-backup.js'
import { fetchServedFile, servedUrl } from '../../src/restore/served-file.js'
import { createHttpTransport } from '../../src/ghost/http.js'
import { parseStaffToken } from '../../src/settings/credentials.js'
import { readSettings } from '../../src/settings/read-settings.js'
import type { Credentials } from '../../src/settings/settings.js'
import { silentLogger } from '../../src/util/logger.js'
import {
  exportDifferences,
  fileDifferences,
  memberDifferences,
  readBackup,
  type ReadBackup,
} from '../restore/compare-backups.js'
import { MAJORS, realGhost } from '../support/real-ghost.js'
import { recordingLogger, tempDir } from '../support/run-fake-backup.js'
import { readZip } from '../support/unzip.js'

/** Backs a site up in-process, everything included, left in a temporary folder. */
async function backUp(site: GhostSite, token: string): Promise<string> {
  const dir = path.join(await tempDir(), 'backup')
  const inputs: Record<string, string> = { url: site.url, 'staff-token': token, path: dir, destination: 'none' }
  const settings = readSettings((name) => inputs[name] ?? '')
  await runBackup(settings, createBackupDependencies(settings, silentLogger))
  return dir
}

/** One trip: site A backed up, restored into a fresh site B, B backed up. */
interface Trip {
  name: string
  same: boolean
  a: ReadBackup
  b: ReadBackup
  site: GhostSite
  report: RestoreReport
  log: string[]
  credentials: Credentials
}

/**
 * A fresh site with its staff. The harness reads invite tokens from the site's SQLite
 * file while Ghost writes to it; on a loaded machine that read can find the file locked,
 * so a failed start is tried once more on a new site.
 */
async function freshSite(major: GhostMajor): Promise<{ site: GhostSite; token: string }> {
  for (let attempt = 1; ; attempt++) {
    const site = await startGhost({ major })
    try {
      return { site, token: (await createStaff(site)).owner.token }
    } catch (error) {
      await site.stop()
      if (attempt >= 2 || !/database is locked/.test(String(error))) throw error
    }
  }
}

async function restoreInto(name: string, from: ReadBackup, target: { site: GhostSite; token: string }): Promise<Trip> {
  const { site, token } = target
  const logger = recordingLogger()
  const address = new URL(site.url)
  const credentials: Credentials = { kind: 'staff-token', token: parseStaffToken(token) }
  const report = await restoreBackup(
    from.dir,
    { siteUrl: address, adminUrl: address, credentials },
    createRestoreDependencies(logger),
  )
  const b = await readBackup(await backUp(site, token))
  const same = from.manifest.site.ghostVersion.split('.')[0] === String(site.major)
  return { name, same, a: from, b, site, report, log: logger.lines, credentials }
}

const rows = (backup: ReadBackup, table: string) => backup.tables[table] ?? []
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('backup, restore into a fresh site, backup again: the two backups agree', realGhost, () => {
  const origins = new Map<number, SeededGhost>()
  const trips: Trip[] = []
  before(async () => {
    const seeded = await Promise.all(MAJORS.map((major) => startSeededGhost({ major })))
    seeded.forEach((ghost) => origins.set(ghost.site.major, ghost))
    const backups = new Map<number, ReadBackup>()
    for (const { site, staff } of seeded)
      backups.set(site.major, await readBackup(await backUp(site, staff.owner.token)))
    // Sites one at a time (each writes its staff into SQLite), restores all at once.
    const targets: { site: GhostSite; token: string }[] = []
    for (const major of [...MAJORS, 6 as const]) targets.push(await freshSite(major))
    trips.push(
      ...(await Promise.all([
        ...MAJORS.map((major, i) => restoreInto(`Ghost ${major} -> Ghost ${major}`, backups.get(major)!, targets[i]!)),
        restoreInto('Ghost 5 -> Ghost 6', backups.get(5)!, targets[MAJORS.length]!),
      ])),
    )
    for (const trip of trips) {
      const timing = trip.report.parts.map((part) => `${part.part} ${part.ms} ms`).join(', ')
      process.stderr.write(`[round-trip] ${trip.name}: restore took ${trip.report.ms} ms (${timing})\n`)
      for (const part of trip.report.parts) {
        for (const detail of part.details) process.stderr.write(`[round-trip] ${trip.name} ${part.part}: ${detail}\n`)
      }
      const differences = [
        ...exportDifferences(trip.a.tables, trip.b.tables),
        ...memberDifferences(trip.a, trip.b),
        ...fileDifferences(trip.a.manifest, trip.b.manifest),
      ]
      for (const line of differences) process.stderr.write(`[round-trip] ${trip.name} difference: ${line}\n`)
    }
  })
  after(() => Promise.all([...origins.values()].map((o) => o.site.stop()).concat(trips.map((t) => t.site.stop()))))

  const each = (title: string, check: (trip: Trip) => void | Promise<void>) =>
    it(title, async () => {
      for (const trip of trips) await check(trip)
    })

  each('restores every part, with nothing failed', (trip) => {
    assert.deepEqual(
      trip.report.parts.map((part) => part.part),
      ['themes', 'content', 'images', 'media', 'files', 'members', 'settings'],
    )
    for (const part of trip.report.parts) {
      assert.equal(part.status, 'restored', `${trip.name} ${part.part}: ${part.details.join(' | ')}`)
    }
  })

  each('brings back every post and page: slug, title, status, type, html, and lexical on the same version', (trip) => {
    const byA = new Map(rows(trip.a, 'posts').map((post) => [post.slug, post]))
    const byB = new Map(rows(trip.b, 'posts').map((post) => [post.slug, post]))
    assert.deepEqual([...byB.keys()].sort(), [...byA.keys()].sort(), trip.name)
    for (const [slug, post] of byA) {
      const other = byB.get(slug)!
      for (const field of ['title', 'status', 'type', 'feature_image', 'html', 'plaintext', 'custom_excerpt']) {
        assert.deepEqual(other[field], post[field], `${trip.name} ${slug} ${field}`)
      }
      // Ghost 6 turns Ghost 5's mobiledoc posts (its sample post and page) into lexical on import.
      if (trip.same) assert.deepEqual(other.lexical, post.lexical, `${trip.name} ${slug} lexical`)
    }
  })

  each('brings back the tags, and which posts have them in which order', (trip) => {
    const tags = (backup: ReadBackup) =>
      rows(backup, 'tags')
        .map((tag) => `${tag.slug} ${tag.name} ${tag.description} ${tag.feature_image} ${tag.visibility}`)
        .sort()
    assert.deepEqual(tags(trip.b), tags(trip.a), trip.name)
    const links = exportDifferences(
      { posts: rows(trip.a, 'posts'), tags: rows(trip.a, 'tags'), posts_tags: rows(trip.a, 'posts_tags') },
      { posts: rows(trip.b, 'posts'), tags: rows(trip.b, 'tags'), posts_tags: rows(trip.b, 'posts_tags') },
    ).filter((line) => line.startsWith('posts_tags'))
    assert.deepEqual(links, [], trip.name)
  })

  each('brings back the authors of each post, and the staff by email and slug', (trip) => {
    const staff = (backup: ReadBackup) =>
      rows(backup, 'users')
        .map((user) => `${user.email} ${user.slug} ${user.name} ${user.profile_image}`)
        .sort()
    assert.deepEqual(staff(trip.b), staff(trip.a), trip.name)
    const authors = exportDifferences(
      { posts: rows(trip.a, 'posts'), users: rows(trip.a, 'users'), posts_authors: rows(trip.a, 'posts_authors') },
      { posts: rows(trip.b, 'posts'), users: rows(trip.b, 'users'), posts_authors: rows(trip.b, 'posts_authors') },
    ).filter((line) => line.startsWith('posts_authors'))
    assert.deepEqual(authors, [], trip.name)
  })

  each("brings back every member's email and labels", (trip) => {
    assert.deepEqual([...trip.b.members.keys()].sort(), [...trip.a.members.keys()].sort(), trip.name)
    for (const [email, member] of trip.a.members) {
      const labels = (cell = '') => cell.split(',').filter(Boolean).sort()
      assert.deepEqual(labels(trip.b.members.get(email)!.labels), labels(member.labels), `${trip.name} ${email}`)
      assert.equal(trip.b.members.get(email)!.name, member.name, `${trip.name} ${email} name`)
    }
  })

  each("brings back the site's settings: title, description, logo, icon, cover, navigation", (trip) => {
    const settings = (backup: ReadBackup) => new Map(rows(backup, 'settings').map((row) => [row.key, row.value]))
    const a = settings(trip.a)
    const b = settings(trip.b)
    for (const key of ['title', 'description', 'logo', 'icon', 'cover_image', 'navigation', 'secondary_navigation']) {
      assert.deepEqual(b.get(key), a.get(key), `${trip.name} ${key}`)
    }
  })

  each('serves every image, media file and file byte-identical at the same path', async (trip) => {
    const transport = createHttpTransport({ timeoutMs: 10_000 })
    const files = trip.a.manifest.files.filter((file) => /^(images|media|files)\//.test(file.path))
    assert.ok(files.length >= 10, `${trip.name}: ${files.length} files`)
    for (const file of files) {
      const [kind, ...rest] = file.path.split('/')
      const served = await fetchServedFile(transport, servedUrl(new URL(trip.site.url), kind!, rest.join('/')))
      assert.equal(served.sha256, file.sha256, `${trip.name} ${file.path} (HTTP ${served.status})`)
    }
    assert.deepEqual(fileDifferences(trip.a.manifest, trip.b.manifest), [], trip.name)
    // As the report says: Ghost 6's files importer keeps an unlinked copy of each image under content/files/images/.
    const image = files.find((file) => file.path.startsWith('images/'))!
    const copy = await fetchServedFile(transport, servedUrl(new URL(trip.site.url), 'files', image.path))
    assert.equal(copy.sha256, trip.site.major >= 6 ? image.sha256 : undefined, `${trip.name} files/${image.path}`)
  })

  each('brings back routes.yaml and the redirects as they were', (trip) => {
    for (const file of ['settings/routes.yaml', 'settings/redirects.yaml']) {
      const a = readFileSync(path.join(trip.a.dir, file))
      const b = readFileSync(path.join(trip.b.dir, file))
      assert.equal(sha256(b), sha256(a), `${trip.name} ${file}`)
    }
  })

  each('activates the same theme, with the same files', (trip) => {
    assert.equal(trip.b.manifest.activeTheme, trip.a.manifest.activeTheme, trip.name)
    const theme = `themes/${trip.a.manifest.activeTheme}.zip`
    const strip = (zip: Map<string, Buffer>) =>
      new Map([...zip].map(([name, bytes]) => [name.replace(/^[^/]+\//, ''), sha256(bytes)]))
    const a = strip(readZip(readFileSync(path.join(trip.a.dir, theme))))
    const b = strip(readZip(readFileSync(path.join(trip.b.dir, theme))))
    assert.deepEqual(b, a, trip.name)
  })

  each(
    'refuses to restore again into the filled site, and Ghost refuses DELETE /db/ to a staff token',
    async (trip) => {
      const address = new URL(trip.site.url)
      const options = { siteUrl: address, adminUrl: address, credentials: trip.credentials }
      const deps = createRestoreDependencies(silentLogger)
      await assert.rejects(
        restoreBackup(trip.a.dir, options, deps),
        /already has content \(\d+ posts, \d+ pages, \d+ tags, 25 members\)/,
      )
      await assert.rejects(
        restoreBackup(trip.a.dir, { ...options, wipe: true }, deps),
        /Ghost refused to delete the site's content \(DELETE \/db\/, HTTP 403\)/,
      )
    },
  )
})
