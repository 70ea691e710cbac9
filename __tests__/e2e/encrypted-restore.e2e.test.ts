import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { generateIdentity, identityToRecipient } from 'age-encryption'
import {
  adminRequest,
  createStaff,
  type GhostSite,
  type SeededGhost,
  startGhost,
  startSeededGhost,
} from '../../scripts/ghost/index.js'
import { runCliBundle } from '../support/run-bundle.js'
import { realGhost } from '../support/real-ghost.js'
import { tempDir } from '../support/run-fake-backup.js'

/** Slugs of every post and page a site holds, sorted. */
async function slugs(site: GhostSite, token: string): Promise<string[]> {
  const get = async (resource: string) =>
    (await adminRequest(site, token, 'GET', `${resource}/?limit=all&fields=slug`)).json<{
      [k: string]: { slug: string }[]
    }>()[resource]!
  return [...(await get('posts')), ...(await get('pages'))].map((item) => item.slug).sort()
}

describe('an encrypted backup restores with its key', realGhost, () => {
  let source: SeededGhost
  let target: GhostSite
  let targetToken: string
  before(async () => {
    source = await startSeededGhost({ major: 6 })
    target = await startGhost({ major: 6 })
    targetToken = (await createStaff(target)).owner.token
  })
  after(async () => {
    await source?.site.stop()
    await target?.stop()
  })

  it('backs up sealed to an age key, then restores the .tar.age with the identity file (and a passphrase backup in a dry run)', async () => {
    const identity = await generateIdentity()
    const backup = await runCliBundle(
      ['--url', source.site.url, '--path', 'sealed', '--encryption-recipients', await identityToRecipient(identity)],
      {
        GHOST_STAFF_TOKEN: source.staff.owner.token,
      },
    )
    assert.equal(backup.code, 0, backup.stderr)
    const sealed = path.join(backup.outputs.path!, 'backup.tar.age')
    const keyFile = path.join(await tempDir(), 'key.txt')
    writeFileSync(keyFile, `# created by the test\n${identity}\n`)

    const restore = await runCliBundle(['restore', sealed, '--url', target.url, '--identity', keyFile], {
      GHOST_STAFF_TOKEN: targetToken,
    })
    assert.equal(restore.code, 0, restore.stdout + restore.stderr)
    const expected = (await slugs(source.site, source.staff.owner.token)).filter(
      (slug) => !['coming-soon', 'about'].includes(slug),
    )
    const restored = await slugs(target, targetToken)
    for (const slug of expected) assert.ok(restored.includes(slug), `post or page '${slug}' restored`)

    const withPassphrase = await runCliBundle(
      ['--url', source.site.url, '--path', 'pass', '--encryption-passphrase', 'long horse battery staple'],
      {
        GHOST_STAFF_TOKEN: source.staff.owner.token,
      },
    )
    assert.equal(withPassphrase.code, 0, withPassphrase.stderr)
    const dryRun = await runCliBundle(
      [
        'restore',
        path.join(withPassphrase.outputs.path!, 'backup.tar.age'),
        '--url',
        target.url,
        '--dry-run',
        '--force',
      ],
      {
        GHOST_STAFF_TOKEN: targetToken,
        GHOST_PASSPHRASE: 'long horse battery staple',
      },
    )
    assert.equal(dryRun.code, 0, dryRun.stdout + dryRun.stderr)
    assert.match(dryRun.stdout, /POST .*db\//)
    const wrong = await runCliBundle(
      ['restore', path.join(withPassphrase.outputs.path!, 'backup.tar.age'), '--url', target.url, '--dry-run'],
      {
        GHOST_STAFF_TOKEN: targetToken,
        GHOST_PASSPHRASE: 'not the passphrase',
      },
    )
    assert.equal(wrong.code, 1)
  })
})
