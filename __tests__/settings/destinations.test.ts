import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseBranch, parseCommitPath, parseDestinations, parseRepository } from '../../src/settings/destinations.js'
import { readSettings } from '../../src/settings/read-settings.js'
import { cliInputSource, parseArgs } from '../../src/cli/args.js'

const TOKEN = `${'a'.repeat(24)}:${'b'.repeat(64)}`
const read = (inputs: Record<string, string>) =>
  readSettings((name) => ({ url: 'https://example.com', 'staff-token': TOKEN, ...inputs })[name] ?? '', '/work')

describe('destination inputs', () => {
  it('reads artifact, commit, both and none', () => {
    assert.deepEqual([...parseDestinations('artifact')], ['artifact'])
    assert.deepEqual([...parseDestinations('artifact, commit')], ['artifact', 'commit'])
    assert.deepEqual([...parseDestinations('none')], [])
  })

  for (const bad of ['s3', 'none,artifact', '']) {
    it(`refuses destination '${bad}'`, () =>
      assert.throws(() => parseDestinations(bad), /^InputError: Invalid 'destination'/))
  }

  for (const good of ['ghost-backup', 'backups/blog', 'refs/heads/nightly', 'a.b_c-d']) {
    it(`accepts branch '${good}'`, () => assert.equal(parseBranch(good), good.replace('refs/heads/', '')))
  }
  for (const bad of [
    'has space',
    'a..b',
    'end.',
    'x.lock',
    '/lead',
    'trail/',
    'a//b',
    'q?',
    'star*',
    'tilde~1',
    'caret^',
    'col:on',
    '@',
    'a@{b',
    '.hidden',
    'back\\slash',
  ]) {
    it(`refuses branch '${bad}' with git's rules`, () =>
      assert.throws(() => parseBranch(bad), /^InputError: Invalid 'branch'/))
  }

  it('reads owner/name and refuses anything else', () => {
    assert.deepEqual(parseRepository('octo-org/blog.backups'), { owner: 'octo-org', repo: 'blog.backups' })
    for (const bad of ['octo', 'a/b/c', '/x', 'o/..']) assert.throws(() => parseRepository(bad), /Invalid 'repository'/)
  })

  it('keeps commit paths inside the branch', () => {
    assert.equal(parseCommitPath('{host}'), '{host}')
    assert.equal(parseCommitPath('./backups/blog/'), 'backups/blog')
    assert.equal(parseCommitPath('.'), '')
    for (const bad of ['/abs', '../up', 'a/../b', 'a//b'])
      assert.throws(() => parseCommitPath(bad), /Invalid 'commit-path'/)
  })

  it('defaults to an artifact named after the host and date', () => {
    const settings = read({})
    assert.deepEqual(settings.destinations, {
      artifact: {
        nameTemplate: 'ghost-backup-{host}-{date}',
        retentionDays: undefined,
        compressionLevel: 6,
        overwrite: false,
      },
    })
  })

  it('reads the commit destination with its defaults', () => {
    const settings = read({ destination: 'commit', 'github-token': 'ghs_x', repository: 'me/site' })
    assert.deepEqual(settings.destinations.commit, {
      token: 'ghs_x',
      owner: 'me',
      repo: 'site',
      branch: 'ghost-backup',
      pathTemplate: '{host}',
      messageTemplate: 'Back up {host} ({date})',
    })
  })

  it('asks for a token when committing without one', () => {
    assert.throws(() => read({ destination: 'commit', repository: 'me/site' }), /needs 'github-token'/)
  })

  it('checks retention and compression', () => {
    assert.throws(
      () => read({ 'retention-days': '91' }),
      /Invalid 'retention-days' '91'\. Expected a whole number from 1 to 90/,
    )
    assert.throws(() => read({ 'compression-level': '10' }), /Invalid 'compression-level' '10'/)
    assert.equal(read({ 'retention-days': '7' }).destinations.artifact?.retentionDays, 7)
  })

  it('leaves the backup in path from the CLI unless told otherwise', () => {
    const input = cliInputSource(parseArgs(['--url', 'https://example.com']), { GHOST_STAFF_TOKEN: TOKEN })
    assert.deepEqual(readSettings(input, '/work').destinations, {})
  })
})
