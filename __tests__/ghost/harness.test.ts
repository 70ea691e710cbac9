/**
 * Checks the real-Ghost harness itself against Ghost 5 and Ghost 6: the
 * servers start, staff credentials have the permissions a backup relies on,
 * and everything seeded can be read back exactly.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  adminRequest,
  GHOST_VERSIONS,
  passwordLogin,
  realGhostTestsEnabled,
  sha256,
  startGhost,
  startSeededGhost,
  type GhostMajor,
  type GhostSite,
  type SeededGhost,
} from '../../scripts/ghost/index.js'

const MAJORS: GhostMajor[] = [5, 6]

interface Sites {
  seeded: SeededGhost
  subdirectory: GhostSite
  adminHost: GhostSite
}

const sites = new Map<GhostMajor, Sites>()
const started: GhostSite[] = []

/** Starts a site and remembers it, so `after` stops it even if a sibling failed. */
async function track<T extends GhostSite | SeededGhost>(promise: Promise<T>): Promise<T> {
  const value = await promise
  started.push('site' in value ? value.site : value)
  return value
}

async function fetchBytes(url: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) })
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) }
}

function get(major: GhostMajor): Sites {
  const found = sites.get(major)
  if (!found) throw new Error(`Ghost ${major} sites did not start`)
  return found
}

describe('real Ghost harness', { skip: realGhostTestsEnabled() ? false : 'GHOST_TESTS=0' }, () => {
  before(
    async () => {
      // Everything boots at once (six servers): installs are cached and boots overlap.
      // allSettled, not all: every start must finish, so `after` can stop every site.
      const starts = MAJORS.map((major) => ({
        major,
        seeded: track(startSeededGhost({ major, deviceVerification: true })),
        subdirectory: track(startGhost({ major, subdirectory: '/blog' })),
        adminHost: track(startGhost({ major, adminHost: 'localhost' })),
      }))
      const all = starts.flatMap((s) => [s.seeded, s.subdirectory, s.adminHost])
      const failures = (await Promise.allSettled(all)).filter((r) => r.status === 'rejected')
      if (failures.length > 0) {
        throw new AggregateError(
          failures.map((f) => (f as PromiseRejectedResult).reason),
          'Ghost failed to start',
        )
      }
      for (const s of starts) {
        sites.set(s.major, { seeded: await s.seeded, subdirectory: await s.subdirectory, adminHost: await s.adminHost })
      }
    },
    { timeout: 20 * 60_000 },
  )

  after(async () => {
    await Promise.allSettled(started.map((site) => site.stop()))
  })

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      it('reports the pinned version on /site/', () => {
        const { site } = get(major).seeded
        // /site/ gives major.minor only, e.g. "6.65".
        assert.ok(GHOST_VERSIONS[major].startsWith(`${site.version}.`), `${site.version} vs ${GHOST_VERSIONS[major]}`)
      })

      it('lets the Owner and an Administrator export the database with their staff tokens', async () => {
        const { site, staff, seed } = get(major).seeded
        for (const user of [staff.owner, staff.administrator]) {
          const res = await adminRequest(site, user.token, 'GET', 'db/')
          assert.equal(res.status, 200, `${user.role}: ${res.text().slice(0, 300)}`)
          const [exported] = res.json<{
            db: Array<{ meta: { version: string }; data: { posts: Array<{ slug: string }> } }>
          }>().db
          assert.equal(exported?.meta.version, GHOST_VERSIONS[major])
          const slugs = new Set(exported?.data.posts.map((p) => p.slug))
          for (const post of seed.posts) assert.ok(slugs.has(post.slug), `export lacks ${post.slug}`)
        }
      })

      it('refuses the database export to an Editor token and an integration key', async () => {
        const { site, staff } = get(major).seeded
        for (const credential of [staff.editor.token, staff.integration.adminKey]) {
          const res = await adminRequest(site, credential, 'GET', 'db/')
          assert.equal(res.status, 403, res.text().slice(0, 300))
        }
      })

      it('serves every seeded upload with the bytes that were uploaded', async () => {
        const { site, seed } = get(major).seeded
        assert.ok(seed.uploads.some((u) => u.kind === 'media') && seed.uploads.some((u) => u.kind === 'files'))
        for (const upload of seed.uploads) {
          const served = await fetchBytes(upload.url)
          assert.equal(served.status, 200, upload.url)
          if (!upload.resized) assert.equal(sha256(served.bytes), upload.sha256, upload.url)
          if (upload.originalPath) {
            const original = await fetchBytes(new URL(`content/images/${upload.originalPath}`, site.url).href)
            assert.equal(original.status, 200, upload.originalPath)
            assert.equal(sha256(original.bytes), upload.sha256, upload.originalPath)
          }
        }
        assert.ok(
          seed.uploads.some((u) => u.resized),
          'one image is wide enough to be resized',
        )
      })

      it('has the seeded members with their labels', async () => {
        const { site, staff, seed } = get(major).seeded
        const res = await adminRequest(site, staff.owner.token, 'GET', 'members/?limit=all&include=labels')
        assert.equal(res.status, 200)
        const members = res.json<{ members: Array<{ email: string; labels: Array<{ name: string }> }> }>().members
        const byEmail = new Map(members.map((m) => [m.email, m.labels.map((l) => l.name).sort()]))
        assert.equal(members.length, seed.members.length)
        for (const member of seed.members) assert.deepEqual(byEmail.get(member.email), [...member.labels].sort())
      })

      it('has the custom theme active', async () => {
        const { site, staff, seed } = get(major).seeded
        const res = await adminRequest(site, staff.owner.token, 'GET', 'themes/')
        const themes = res.json<{ themes: Array<{ name: string; active: boolean }> }>().themes
        assert.deepEqual(
          themes.filter((t) => t.active).map((t) => t.name),
          [seed.theme.name],
        )
        const zip = await adminRequest(site, staff.owner.token, 'GET', `themes/${seed.theme.name}/download/`)
        assert.equal(zip.status, 200)
        assert.equal(zip.bytes.subarray(0, 2).toString('latin1'), 'PK')
      })

      it('gives back routes.yaml and redirects as uploaded', async () => {
        const { site, staff, seed } = get(major).seeded
        const routes = await adminRequest(site, staff.owner.token, 'GET', 'settings/routes/yaml/')
        assert.equal(routes.status, 200)
        assert.equal(routes.text(), seed.routesYaml)
        const redirects = await adminRequest(site, staff.owner.token, 'GET', 'redirects/download/')
        assert.equal(redirects.status, 200)
        assert.equal(redirects.text(), seed.redirects.body)
      })

      it('asks for an emailed code on a second password login when device verification is on', async () => {
        const { site, staff } = get(major).seeded
        const login = await passwordLogin(site, staff.owner.email, staff.owner.password)
        assert.equal(login.status, 403)
        const [error] = login.response.json<{ errors: Array<{ type: string; code: string }> }>().errors
        assert.equal(error?.type, 'Needs2FAError')
        assert.equal(error?.code, '2FA_NEW_DEVICE_DETECTED')
      })

      it('serves the Admin API under a subdirectory', async () => {
        const { subdirectory } = get(major)
        assert.match(subdirectory.apiRoot, /^http:\/\/127\.0\.0\.1:\d+\/blog\/ghost\/api\/admin\/$/)
        const res = await adminRequest(subdirectory, null, 'GET', 'site/')
        assert.equal(res.status, 200)
        assert.equal(res.json<{ site: { url: string } }>().site.url, subdirectory.url)
      })

      it('serves the Admin API on a separate admin host', async () => {
        const { adminHost } = get(major)
        assert.match(adminHost.apiRoot, /^http:\/\/localhost:\d+\/ghost\/api\/admin\/$/)
        assert.notEqual(adminHost.adminUrl, adminHost.url)
        const res = await adminRequest(adminHost, null, 'GET', 'site/')
        assert.equal(res.status, 200)
      })
    })
  }
})
