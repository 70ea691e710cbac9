import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { adminRequest, expectStatus, type SeededGhost, startSeededGhost } from '../../scripts/ghost/index.js'
import { type GitService, startGitService } from '../support/git-service.js'
import { runAction } from '../support/run-bundle.js'
import { MAJORS, realGhost } from '../support/real-ghost.js'

const token = 'ghs_commitEndToEnd'

describe('the commit destination on real Ghost', realGhost, () => {
  const sites = new Map<number, SeededGhost>()
  let service: GitService
  before(async () => {
    service = await startGitService({ owner: 'octo', repo: 'backups', token, private: true })
    service.commitFiles('main', { 'README.md': 'backups' }, 'Initial commit')
    const started = await Promise.all(MAJORS.map((major) => startSeededGhost({ major, logRequests: true })))
    started.forEach((ghost) => sites.set(ghost.site.major, ghost))
  })
  after(async () => {
    await Promise.all([...sites.values()].map((ghost) => ghost.site.stop()))
    await service.stop()
  })

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      const backup = () => {
        const { site, staff } = sites.get(major)!
        const runner = {
          GITHUB_API_URL: service.apiUrl,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: 'octo/backups',
          GITHUB_RUN_ID: '7',
        }
        return runAction(
          {
            url: site.url,
            'staff-token': staff.owner.token,
            destination: 'commit',
            'github-token': token,
            repository: 'octo/backups',
            'commit-path': `ghost-${major}/{host}`,
          },
          runner,
        )
      }
      const folder = () => `ghost-${major}/127.0.0.1:${sites.get(major)!.site.port}`
      /** Files Ghost served whole (200) since the log was at `from` requests. */
      const servedWhole = (from: number) =>
        sites
          .get(major)!
          .site.requests()
          .slice(from)
          .filter((r) => r.path.startsWith('/content/') && r.status === 200)

      it('commits the first backup, then nothing and no media bytes for an unchanged site', async () => {
        const first = await backup()
        assert.equal(first.code, 0, first.stdout)
        assert.equal(first.outputs.changed, 'true')
        assert.equal(service.git(['rev-parse', 'ghost-backup']), first.outputs['commit-sha'])
        assert.equal(
          first.outputs['commit-url'],
          `https://github.com/octo/backups/commit/${first.outputs['commit-sha']}`,
        )
        const committed = service.git(['ls-tree', '-r', '--name-only', 'ghost-backup', folder()]).split('\n')
        assert.ok(committed.includes(`${folder()}/data/content.json`))
        assert.ok(committed.some((file) => file.startsWith(`${folder()}/images/`)))

        const logged = sites.get(major)!.site.requests().length
        const second = await backup()
        assert.equal(second.code, 0, second.stdout)
        assert.equal(second.outputs.changed, 'false')
        assert.equal(second.outputs['commit-sha'], first.outputs['commit-sha'])
        assert.equal(service.git(['rev-parse', 'ghost-backup']), first.outputs['commit-sha'], 'no second commit')
        assert.deepEqual(
          servedWhole(logged).map((r) => r.path),
          [],
          'no image, media or file was downloaded again',
        )
        assert.match(
          second.summary,
          /0 new, 0 changed, \d+ unchanged, 0 removed files; 0 B of images, media and files downloaded/,
        )
      })

      it('commits a changed post as one commit touching the export and the manifest', async () => {
        const { site, staff, seed } = sites.get(major)!
        const post = seed.posts.find((p) => p.type === 'post')!
        const current = await adminRequest(site, staff.owner.token, 'GET', `posts/${post.id}/`)
        const { updated_at } = current.json<{ posts: { updated_at: string }[] }>().posts[0]!
        expectStatus(
          await adminRequest(site, staff.owner.token, 'PUT', `posts/${post.id}/`, {
            posts: [{ title: `${post.title} (edited)`, updated_at }],
          }),
          200,
          'edit post',
        )
        const before = service.git(['rev-parse', 'ghost-backup'])
        const run = await backup()
        assert.equal(run.code, 0, run.stdout)
        assert.equal(run.outputs.changed, 'true')
        assert.equal(service.git(['rev-parse', 'ghost-backup^']), before)
        const touched = service
          .git(['diff-tree', '--no-commit-id', '--name-only', '-r', 'ghost-backup~1', 'ghost-backup'])
          .split('\n')
        assert.deepEqual(touched, [`${folder()}/data/content.json`, `${folder()}/manifest.json`])
      })
    })
  }
})
