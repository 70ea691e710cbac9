import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createStaff, GHOST_VERSIONS, type GhostSite, type Staff, startGhost } from '../../scripts/ghost/index.js'
import { runAction, runCliBundle } from '../support/run-bundle.js'
import { MAJORS, realGhost } from '../support/real-ghost.js'

interface Site {
  site: GhostSite
  staff: Staff
}

async function startWithStaff(options: Parameters<typeof startGhost>[0]): Promise<Site> {
  const site = await startGhost(options)
  try {
    return { site, staff: await createStaff(site) }
  } catch (error) {
    await site.stop()
    throw error
  }
}

function exportedVersion(run: { outputs: Record<string, string> }): string {
  return JSON.parse(readFileSync(path.join(run.outputs.path!, 'data/content.json'), 'utf8')).db[0].meta.version
}

describe('site addresses on real Ghost', realGhost, () => {
  const subdirectory = new Map<number, Site>()
  const adminHost = new Map<number, Site>()
  before(async () => {
    await Promise.all(
      MAJORS.flatMap((major) => [
        startWithStaff({ major, subdirectory: '/blog' }).then((site) => subdirectory.set(major, site)),
        startWithStaff({ major, adminHost: 'localhost' }).then((site) => adminHost.set(major, site)),
      ]),
    )
  })
  after(() => Promise.all([...subdirectory.values(), ...adminHost.values()].map(({ site }) => site.stop())))

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      it('backs up a subdirectory install given as https://host/blog/ with a token', async () => {
        const { site, staff } = subdirectory.get(major)!
        assert.match(site.url, /\/blog\/$/)
        const run = await runAction({ url: site.url, 'staff-token': staff.owner.token })
        assert.equal(run.code, 0, run.stdout)
        assert.equal(exportedVersion(run), GHOST_VERSIONS[major])
      })

      it('backs up a subdirectory install given without the trailing slash, with a password', async () => {
        const { site, staff } = subdirectory.get(major)!
        const run = await runCliBundle(['--url', site.url.replace(/\/$/, ''), '--path', 'b'], {
          GHOST_USERNAME: staff.owner.email,
          GHOST_PASSWORD: staff.owner.password,
        })
        assert.equal(run.code, 0, run.stderr)
        assert.equal(run.outputs['ghost-version'], GHOST_VERSIONS[major])
      })

      it('backs up a site whose admin is on another host name, with a token', async () => {
        const { site, staff } = adminHost.get(major)!
        assert.notEqual(new URL(site.url).hostname, new URL(site.adminUrl).hostname)
        const run = await runAction({ url: site.url, 'admin-url': site.adminUrl, 'staff-token': staff.owner.token })
        assert.equal(run.code, 0, run.stdout)
        const manifest = JSON.parse(readFileSync(path.join(run.outputs.path!, 'manifest.json'), 'utf8'))
        assert.equal(manifest.site.adminUrl, site.adminUrl)
        assert.equal(manifest.site.url, site.url)
      })

      it('backs up a site whose admin is on another host name, with a password', async () => {
        const { site, staff } = adminHost.get(major)!
        const run = await runAction({
          url: site.url,
          'admin-url': site.adminUrl,
          username: staff.owner.email,
          password: staff.owner.password,
        })
        assert.equal(run.code, 0, run.stdout)
        assert.equal(run.outputs['ghost-version'], GHOST_VERSIONS[major])
      })

      it('names admin-url when only the site host is given', async () => {
        const { site, staff } = adminHost.get(major)!
        const run = await runAction({ url: site.url, 'staff-token': staff.owner.token })
        assert.equal(run.code, 1)
        assert.match(run.stdout, /::error::.*set 'admin-url' to http:\/\/localhost:\d+\//i)
      })
    })
  }
})
