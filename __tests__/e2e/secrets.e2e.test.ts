import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type SeededGhost, startSeededGhost } from '../../scripts/ghost/index.js'
import { type BundleRun, runAction, runCliBundle } from '../support/run-bundle.js'
import { MAJORS, realGhost } from '../support/real-ghost.js'

const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{20,}/

/** Every file of a folder except Ghost's own export data, which is the site's, not ours. */
function producedFiles(dir: string): string[] {
  if (!dir || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.endsWith(path.join('data', 'content.json')))
}

/**
 * What a person can read after a run: the log as the runner shows it (`::add-mask::`
 * commands are consumed by the runner, not shown), outputs, summary and backup files.
 */
function everythingProduced(run: BundleRun): [string, string][] {
  const shown = (text: string) =>
    text
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
  return [
    ['stdout', shown(run.stdout)],
    ['stderr', run.stderr],
    ['outputs', JSON.stringify(run.outputs)],
    ['summary', run.summary],
    ...producedFiles(run.outputs.path ?? path.join(run.workspace, 'ghost-backup')).map((file): [string, string] => [
      file,
      readFileSync(file, 'latin1'),
    ]),
  ]
}

function assertNoSecrets(run: BundleRun, secrets: string[]): void {
  for (const [where, text] of everythingProduced(run)) {
    for (const secret of secrets) assert.ok(!text.includes(secret), `${where} holds a credential`)
    assert.doesNotMatch(text, JWT, `${where} holds a JWT`)
    assert.ok(!text.includes('ghost-admin-api-session='), `${where} holds a session cookie`)
  }
}

describe('the credential scan', () => {
  it('catches a planted secret, a JWT and a session cookie', () => {
    const run = (stdout: string): BundleRun => ({
      code: 0,
      stdout,
      stderr: '',
      outputs: {},
      summary: '',
      workspace: '',
    })
    assert.throws(() => assertNoSecrets(run('token s3cr3t-value here'), ['s3cr3t-value']), /stdout holds a credential/)
    assert.throws(
      () => assertNoSecrets(run(`Bearer eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjE3OTY0MjJ9.${'a'.repeat(43)}`), []),
      /holds a JWT/,
    )
    assert.throws(() => assertNoSecrets(run('Cookie: ghost-admin-api-session=s%3Aabc'), []), /holds a session cookie/)
    assertNoSecrets(run(`::add-mask::s3cr3t-value\nall clear`), ['s3cr3t-value'])
  })
})

describe('no credential in anything a run produces', realGhost, () => {
  const sites = new Map<number, { open: SeededGhost; verified: SeededGhost }>()
  before(async () => {
    await Promise.all(
      MAJORS.map(async (major) => {
        const [open, verified] = await Promise.all([
          startSeededGhost({ major }),
          startSeededGhost({ major, deviceVerification: true }),
        ])
        sites.set(major, { open, verified })
      }),
    )
  })
  after(() =>
    Promise.all([...sites.values()].flatMap(({ open, verified }) => [open.site.stop(), verified.site.stop()])),
  )

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      const secretsOf = (ghost: SeededGhost) => [
        ghost.staff.owner.token.split(':')[1]!,
        ghost.staff.editor.token.split(':')[1]!,
        ghost.staff.owner.password,
      ]

      it('a backup with a staff token', async () => {
        const { open } = sites.get(major)!
        const run = await runAction({ url: open.site.url, 'staff-token': open.staff.owner.token })
        assert.equal(run.code, 0, run.stdout)
        assert.match(run.stdout, /::add-mask::/, 'the credential was masked')
        assertNoSecrets(run, secretsOf(open))
      })

      it('a backup with a password, from the CLI too', async () => {
        const { open } = sites.get(major)!
        const action = await runAction({
          url: open.site.url,
          username: open.staff.owner.email,
          password: open.staff.owner.password,
        })
        assert.equal(action.code, 0, action.stdout)
        assertNoSecrets(action, secretsOf(open))
        const cli = await runCliBundle(['--url', open.site.url, '--path', 'out'], {
          GHOST_USERNAME: open.staff.owner.email,
          GHOST_PASSWORD: open.staff.owner.password,
        })
        assert.equal(cli.code, 0, cli.stderr)
        assertNoSecrets({ ...cli, outputs: { ...cli.outputs } }, secretsOf(open))
      })

      it('failed runs: device verification, a wrong password, an Editor token', async () => {
        const { verified } = sites.get(major)!
        const runs = [
          await runAction({
            url: verified.site.url,
            username: verified.staff.owner.email,
            password: verified.staff.owner.password,
          }),
          await runCliBundle(['--url', verified.site.url], {
            GHOST_USERNAME: verified.staff.administrator.email,
            GHOST_PASSWORD: `${verified.staff.owner.password}x`,
          }),
          await runAction({ url: verified.site.url, 'staff-token': verified.staff.editor.token }),
        ]
        for (const run of runs) {
          assert.equal(run.code, 1)
          assertNoSecrets(run, [...secretsOf(verified), `${verified.staff.owner.password}x`])
        }
      })
    })
  }
})
