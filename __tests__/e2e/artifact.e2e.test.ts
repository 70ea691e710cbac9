import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type SeededGhost, startSeededGhost } from '../../scripts/ghost/index.js'
import { type ResultsService, startResultsService } from '../support/results-service.js'
import { runAction } from '../support/run-bundle.js'
import { MAJORS, realGhost } from '../support/real-ghost.js'
import { readZip } from '../support/unzip.js'

const RUNNER = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'octo/blog', GITHUB_RUN_ID: '4242' }

describe('the artifact destination on real Ghost', realGhost, () => {
  const sites = new Map<number, SeededGhost>()
  let service: ResultsService
  before(async () => {
    service = await startResultsService()
    const started = await Promise.all(MAJORS.map((major) => startSeededGhost({ major })))
    started.forEach((ghost) => sites.set(ghost.site.major, ghost))
  })
  after(async () => {
    await Promise.all([...sites.values()].map((ghost) => ghost.site.stop()))
    await service.stop()
  })

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      it('uploads the whole backup folder, named after the host and date', async () => {
        const { site, staff } = sites.get(major)!
        const run = await runAction(
          { url: site.url, 'staff-token': staff.owner.token, destination: 'artifact', 'retention-days': '5' },
          { ...RUNNER, ...service.env },
        )
        assert.equal(run.code, 0, run.stdout)
        const name = `ghost-backup-127.0.0.1-${site.port}-${new Date().toISOString().slice(0, 10)}`
        const stored = service.artifacts.find((artifact) => artifact.name === name)
        assert.ok(stored?.zip, `artifact ${name} arrived`)
        assert.equal(run.outputs['artifact-id'], String(stored.id))
        assert.equal(
          run.outputs['artifact-url'],
          `https://github.com/octo/blog/actions/runs/4242/artifacts/${stored.id}`,
        )
        assert.equal(`sha256:${run.outputs['artifact-digest']}`, stored.digest)
        const zip = readZip(stored.zip)
        const manifest = JSON.parse(readFileSync(path.join(run.outputs.path!, 'manifest.json'), 'utf8'))
        assert.deepEqual(
          [...zip.keys()].sort(),
          ['manifest.json', ...manifest.files.map((f: { path: string }) => f.path)].sort(),
        )
        for (const file of manifest.files)
          assert.deepEqual(zip.get(file.path), readFileSync(path.join(run.outputs.path!, file.path)), file.path)
        assert.match(
          run.summary,
          new RegExp(`Artifact: <a href="https://github.com/octo/blog/actions/runs/4242/artifacts/${stored.id}">`),
        )
      })

      it('refuses a second artifact of the same name clearly, and replaces it with overwrite', async () => {
        const { site, staff } = sites.get(major)!
        const inputs = {
          url: site.url,
          'staff-token': staff.owner.token,
          destination: 'artifact',
          'artifact-name': `dup-${major}`,
        }
        assert.equal((await runAction(inputs, { ...RUNNER, ...service.env })).code, 0)
        const again = await runAction(inputs, { ...RUNNER, ...service.env })
        assert.equal(again.code, 1)
        assert.match(
          again.stdout,
          /::error::An artifact named 'dup-\d' already exists in this workflow run\. Set 'overwrite: true'/,
        )
        const replaced = await runAction({ ...inputs, overwrite: 'true' }, { ...RUNNER, ...service.env })
        assert.equal(replaced.code, 0, replaced.stdout)
        assert.equal(
          service.artifacts.filter((artifact) => artifact.name === `dup-${major}` && artifact.finalized).length,
          1,
        )
      })
    })
  }

  it('explains outside a runner that the backup stays in path', async () => {
    const { site, staff } = sites.get(6)!
    const run = await runAction({ url: site.url, 'staff-token': staff.owner.token, destination: 'artifact' }, RUNNER)
    assert.equal(run.code, 0, run.stdout)
    assert.match(run.stdout, /::warning::The artifact destination needs the GitHub Actions runner/)
    assert.equal(run.outputs['artifact-id'], undefined)
    assert.ok(readFileSync(path.join(run.outputs.path!, 'manifest.json')).length > 0)
  })
})
