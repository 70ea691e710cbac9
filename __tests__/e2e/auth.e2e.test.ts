import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { adminRequest, GHOST_VERSIONS, type SeededGhost, startSeededGhost } from '../../scripts/ghost/index.js'
import { runAction, runCliBundle } from '../support/run-bundle.js'
import { countLogged, eventually, MAJORS, realGhost } from '../support/real-ghost.js'

/** What Ghost's own Admin API counts, to hold the backup's numbers against. */
async function ghostTotal(ghost: SeededGhost, resource: 'posts' | 'pages'): Promise<string> {
  const response = await adminRequest(
    ghost.site,
    ghost.staff.owner.token,
    'GET',
    `${resource}/?limit=1&filter=status:[draft,published,scheduled,sent]`,
  )
  return String(response.json<{ meta: { pagination: { total: number } } }>().meta.pagination.total)
}

describe('logging in and exporting on real Ghost', realGhost, () => {
  const sites = new Map<number, SeededGhost>()
  before(async () => {
    const started = await Promise.all(
      MAJORS.map((major) => startSeededGhost({ major, deviceVerification: true, logRequests: true })),
    )
    started.forEach((ghost) => sites.set(ghost.site.major, ghost))
  })
  after(() => Promise.all([...sites.values()].map((ghost) => ghost.site.stop())))

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      const ghost = () => sites.get(major)!

      it("backs up with the Owner's staff token through the bundled action", async () => {
        const { site, staff } = ghost()
        const run = await runAction({ url: site.url, 'staff-token': staff.owner.token })
        assert.equal(run.code, 0, run.stdout + run.stderr)
        assert.equal(run.outputs['ghost-version'], GHOST_VERSIONS[major])
        assert.equal(run.outputs.path, path.join(run.workspace, 'ghost-backup'))
        assert.equal(run.outputs.posts, await ghostTotal(ghost(), 'posts'))
        assert.equal(run.outputs.pages, await ghostTotal(ghost(), 'pages'))
        assert.ok(Number(run.outputs.posts) > 0)
        const exported = JSON.parse(readFileSync(path.join(run.outputs.path!, 'data/content.json'), 'utf8'))
        assert.equal(exported.db[0].meta.version, GHOST_VERSIONS[major])
        assert.ok(exported.db[0].data.posts.some((post: { slug: string }) => post.slug === ghost().seed.posts[0]!.slug))
        const manifest = JSON.parse(readFileSync(path.join(run.outputs.path!, 'manifest.json'), 'utf8'))
        assert.equal(manifest.auth, 'staff-token')
        assert.equal(run.outputs['site-title'], manifest.site.title)
        assert.match(run.summary, new RegExp(`Ghost ${GHOST_VERSIONS[major]!.replace(/\./g, '\\.')}`))
      })

      it("backs up with an Administrator's staff token through the bundled CLI", async () => {
        const { site, staff } = ghost()
        const run = await runCliBundle(['--url', site.url, '--path', 'out'], {
          GHOST_STAFF_TOKEN: staff.administrator.token,
        })
        assert.equal(run.code, 0, run.stderr)
        assert.equal(run.outputs['ghost-version'], GHOST_VERSIONS[major])
        assert.ok(existsSync(path.join(run.workspace, 'out/data/content.json')))
      })

      it("refuses an Editor's token with the role it needs", async () => {
        const run = await runAction({ url: ghost().site.url, 'staff-token': ghost().staff.editor.token })
        assert.equal(run.code, 1)
        assert.match(
          run.stdout,
          /::error::Ghost refused the content export.*Editor role, and only the Owner or an Administrator may export/,
        )
        assert.ok(!existsSync(path.join(run.workspace, 'ghost-backup')))
      })

      it("refuses an integration's Admin API key", async () => {
        const run = await runAction({ url: ghost().site.url, 'staff-token': ghost().staff.integration.adminKey })
        assert.equal(run.code, 1)
        assert.match(run.stdout, /::error::Ghost refused the content export.*integration keys cannot export content/)
      })

      it('stops on the emailed sign-in code, leaving nothing in path', async () => {
        const { site, staff } = ghost()
        const before = countLogged(site.log(), 'POST', new URL('session/', site.apiRoot).pathname)
        const run = await runAction({ url: site.url, username: staff.owner.email, password: staff.owner.password })
        assert.equal(run.code, 1)
        assert.match(run.stdout, /::error::Ghost asks for an emailed sign-in code to log in as .* staff access token/)
        assert.ok(!existsSync(path.join(run.workspace, 'ghost-backup')))
        await eventually(
          () => countLogged(site.log(), 'POST', new URL('session/', site.apiRoot).pathname) > before,
          'the login in the log',
        )
        assert.equal(countLogged(site.log(), 'POST', new URL('session/', site.apiRoot).pathname), before + 1)
      })

      it('tries a wrong password once and shows what Ghost said', async () => {
        const { site, staff } = ghost()
        const sessionPath = new URL('session/', site.apiRoot).pathname
        const before = countLogged(site.log(), 'POST', sessionPath)
        const run = await runCliBundle(['--url', site.url], {
          GHOST_USERNAME: staff.editor.email,
          GHOST_PASSWORD: 'Wrong-pass-1234',
        })
        assert.equal(run.code, 1)
        assert.match(
          run.stderr,
          /Login failed for .*: the 'password' is wrong\. Ghost says: "Your password is incorrect\./,
        )
        await eventually(() => countLogged(site.log(), 'POST', sessionPath) > before, 'the login in the log')
        assert.equal(countLogged(site.log(), 'POST', sessionPath), before + 1)
      })
    })
  }
})
