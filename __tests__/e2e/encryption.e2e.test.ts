import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { generateIdentity, identityToRecipient } from 'age-encryption'
import { type SeededGhost, startSeededGhost } from '../../scripts/ghost/index.js'
import { type GitService, startGitService } from '../support/git-service.js'
import { type ResultsService, startResultsService } from '../support/results-service.js'
import { runAction, runCliBundle } from '../support/run-bundle.js'
import { MAJORS, realGhost } from '../support/real-ghost.js'
import { tempDir } from '../support/run-fake-backup.js'
import { readZip } from '../support/unzip.js'

const token = 'ghs_encryptionTest'

/** Strings from the site that must never be readable in what leaves the runner. */
function plaintextOf(ghost: SeededGhost): string[] {
  return [
    ghost.seed.settings.title,
    ghost.staff.owner.email,
    ...ghost.seed.members.slice(0, 5).map((member) => member.email),
    ...ghost.seed.posts.slice(0, 3).map((post) => post.title),
    '"db":[',
    'email,',
  ]
}

function assertNoPlaintext(bytes: Buffer, ghost: SeededGhost, what: string): void {
  for (const text of plaintextOf(ghost)) assert.ok(!bytes.includes(Buffer.from(text)), `${what} contains '${text}'`)
}

describe('encrypted backups on real Ghost', realGhost, () => {
  const sites = new Map<number, SeededGhost>()
  let results: ResultsService
  let git: GitService
  let identity: string
  let runner: Record<string, string>
  before(async () => {
    identity = await generateIdentity()
    results = await startResultsService()
    git = await startGitService({ owner: 'octo', repo: 'public-blog', token, private: false })
    git.commitFiles('main', { 'README.md': 'public' }, 'Initial commit')
    const event = path.join(await tempDir(), 'event.json')
    writeFileSync(
      event,
      JSON.stringify({ repository: { full_name: 'octo/public-blog', private: false, visibility: 'public' } }),
    )
    runner = {
      ...results.env,
      GITHUB_API_URL: git.apiUrl,
      GITHUB_REPOSITORY: 'octo/public-blog',
      GITHUB_RUN_ID: '9',
      GITHUB_EVENT_PATH: event,
    }
    const started = await Promise.all(MAJORS.map((major) => startSeededGhost({ major })))
    started.forEach((ghost) => sites.set(ghost.site.major, ghost))
  })
  after(async () => {
    await Promise.all([...sites.values()].map((ghost) => ghost.site.stop()))
    await results.stop()
    await git.stop()
  })

  it('refuses a public repository for a plain backup before contacting Ghost', async () => {
    const run = await runAction(
      {
        url: 'http://127.0.0.1:9/',
        'staff-token': sites.get(6)!.staff.owner.token,
        destination: 'artifact,commit',
        'github-token': token,
        repository: 'octo/public-blog',
      },
      runner,
    )
    assert.equal(run.code, 1)
    assert.match(
      run.stdout,
      /::error::The backup would be an artifact of the public repository octo\/public-blog and a commit in the public repository octo\/public-blog, readable by anyone.*Encrypt it: set 'encryption-recipients'/,
    )
    assert.ok(!run.stdout.includes('Could not reach'), 'Ghost was not contacted')
    assert.equal(results.requests.length, 0)
  })

  it("goes ahead with a warning when told to with 'allow-public-unencrypted'", async () => {
    const { site, staff } = sites.get(6)!
    const run = await runAction(
      {
        url: site.url,
        'staff-token': staff.owner.token,
        destination: 'artifact',
        'artifact-name': 'plain',
        'allow-public-unencrypted': 'true',
      },
      runner,
    )
    assert.equal(run.code, 0, run.stdout)
    assert.match(
      run.stdout,
      /::warning::The backup would be an artifact of the public repository.*Going ahead because 'allow-public-unencrypted' is true/,
    )
  })

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      const backup = async () => {
        const { site, staff } = sites.get(major)!
        return runAction(
          {
            url: site.url,
            'staff-token': staff.owner.token,
            destination: 'artifact,commit',
            'artifact-name': `sealed-${major}-{run}-${Date.now()}`,
            'github-token': token,
            repository: 'octo/public-blog',
            'commit-path': `ghost-${major}`,
            'encryption-recipients': `# the backup key\n${await identityToRecipient(identity)}\n`,
          },
          runner,
        )
      }

      it('uploads and commits only the encrypted archive, which decrypts to the whole backup', async () => {
        const ghost = sites.get(major)!
        const run = await backup()
        assert.equal(run.code, 0, run.stdout)
        assert.deepEqual(readdirSync(run.outputs.path!).sort(), ['backup.tar.age', 'fingerprint.txt'])

        const artifact = results.artifacts.find((a) => String(a.id) === run.outputs['artifact-id'])!
        const zip = readZip(artifact.zip!)
        assert.deepEqual([...zip.keys()].sort(), ['backup.tar.age', 'fingerprint.txt'])
        assert.match(zip.get('fingerprint.txt')!.toString(), /^[0-9a-f]{64}\n$/)
        assertNoPlaintext(zip.get('backup.tar.age')!, ghost, 'the artifact')

        assert.deepEqual(git.git(['ls-tree', '-r', '--name-only', 'ghost-backup', `ghost-${major}`]).split('\n'), [
          `ghost-${major}/backup.tar.age`,
          `ghost-${major}/fingerprint.txt`,
        ])
        const committed = Buffer.from(
          git.git(['cat-file', 'blob', `ghost-backup:ghost-${major}/backup.tar.age`]),
          'latin1',
        )
        assert.ok(committed.length > 0)
        assert.ok(
          !git
            .git(['cat-file', '-p', `ghost-backup:ghost-${major}/backup.tar.age`])
            .includes(ghost.seed.settings.title),
        )

        const keyFile = path.join(await tempDir(), 'key.txt')
        writeFileSync(keyFile, `# created: today\n${identity}\n`)
        const out = path.join(await tempDir(), 'opened')
        const opened = await runCliBundle([
          'decrypt',
          path.join(run.outputs.path!, 'backup.tar.age'),
          '--out',
          out,
          '--identity',
          keyFile,
        ])
        assert.equal(opened.code, 0, opened.stderr)
        const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))
        assert.equal(manifest.site.title, ghost.seed.settings.title)
        for (const file of manifest.files)
          assert.equal(readFileSync(path.join(out, file.path)).length, file.size, file.path)
      })

      it('makes no commit when the site has not changed', async () => {
        const before = git.git(['rev-parse', 'ghost-backup'])
        const run = await backup()
        assert.equal(run.code, 0, run.stdout)
        assert.equal(run.outputs.changed, 'false')
        assert.equal(git.git(['rev-parse', 'ghost-backup']), before)
      })
    })
  }
})
