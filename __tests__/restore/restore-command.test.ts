import assert from 'node:assert/strict'
import { createWriteStream } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { packFolder } from '../../src/archive/tar-writer.js'
import { runRestoreCommand } from '../../src/cli/restore-command.js'
import { listFiles } from '../../src/util/walk.js'
import { FakeGhost } from '../support/fake-ghost.js'
import { recordingLogger, TOKEN } from '../support/run-fake-backup.js'
import { writeFakeBackup } from './fake-backup.js'
import { changes, freshSite, serveSite } from './fake-site.js'

/** Runs the command with its report captured; the logger keeps stderr's lines. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const logger = recordingLogger()
  let stdout = ''
  const code = await runRestoreCommand(argv, env, logger, (text) => (stdout += text))
  return { code, stdout, stderr: logger.lines.join('\n'), secrets: logger.secrets }
}

describe('ghost-backup restore', () => {
  let ghost: FakeGhost
  beforeEach(async () => {
    ghost = await FakeGhost.start()
    serveSite(ghost, freshSite())
  })
  afterEach(() => ghost.stop())

  it('prints its options with --help', async () => {
    const { code, stdout } = await run(['--help'])
    assert.equal(code, 0)
    assert.match(stdout, /Usage: ghost-backup restore <folder \| backup.tar \| backup.tar.age> --url/)
    const options = [
      '--url',
      '--admin-url',
      '--staff-token',
      '--include',
      '--force',
      '--wipe',
      '--dry-run',
      '--identity',
    ]
    for (const option of options) {
      assert.ok(stdout.includes(option), option)
    }
  })

  it('lists what it would send in a dry run, with credentials from the environment', async () => {
    const dir = await writeFakeBackup()
    const result = await run([dir, '--dry-run'], { GHOST_URL: ghost.url, GHOST_STAFF_TOKEN: TOKEN })
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /: dry run, nothing was sent/)
    assert.match(result.stdout, /POST {3}\/db\/\s+data\/content\.json {2}\d+ B/)
    assert.match(result.stdout, /What a restore cannot bring back:\n {2}- Staff passwords/)
    assert.deepEqual(changes(ghost), [])
    assert.ok(result.secrets.includes(TOKEN) && result.secrets.includes(TOKEN.split(':')[1]!))
  })

  it('opens a .tar of a backup, and removes what it unpacked', async () => {
    const dir = await writeFakeBackup()
    const tar = path.join(path.dirname(dir), 'backup.tar')
    await pipeline(packFolder(dir, await listFiles(dir)), createWriteStream(tar))
    const unpacked = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('ghost-backup-open-'))
    const before = await unpacked()
    const result = await run([tar, '--dry-run', '--url', ghost.url, '--staff-token', TOKEN])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, new RegExp(`^Restore of ${tar} \\(Ghost 6.65.0`))
    assert.match(result.stdout, /POST {3}\/db\/\s+data\/content\.json/)
    assert.deepEqual(await unpacked(), before)
  })

  it('exits 1 with a plain message when the site already has content', async () => {
    const state = freshSite()
    state.posts.push({ id: 'mine', slug: 'mine' })
    serveSite(ghost, state)
    const result = await run([await writeFakeBackup(), '--url', ghost.url, '--staff-token', TOKEN])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error: The site at .* already has content \(2 posts\)/m)
    assert.deepEqual(changes(ghost), [])
  })

  for (const [argv, message] of [
    [[], /Missing the backup to restore\. Usage: ghost-backup restore <folder/],
    [['a', 'b', '--url', 'https://x.example'], /Expected one backup to restore, got 2: a b/],
    [['dir', '--staff-token', TOKEN], /Option 'url' is required \(or GHOST_URL\)/],
    [
      ['dir', '--url', 'example.com', '--staff-token', TOKEN],
      /Invalid 'url' 'example.com'\. Expected a URL such as https:\/\/example.com/,
    ],
    [['dir', '--url', 'https://x.example'], /No credentials: set --staff-token \(or GHOST_STAFF_TOKEN\)/],
    [
      ['dir', '--url', 'https://x.example', '--staff-token', 'nope'],
      /Invalid 'staff-token'\. Expected the form <24 hex characters>:<64 hex characters>/,
    ],
    [['dir', '--url', 'http://x.example', '--staff-token', TOKEN], /Refusing plain http:\/\/ for http:\/\/x.example/],
    [
      ['dir', '--url', 'https://x.example', '--staff-token', TOKEN, '--include', 'posts'],
      /Invalid 'include' 'posts'\. Expected a comma-separated list of: all, content, members/,
    ],
    [
      ['dir', '--url', 'https://x.example', '--staff-token', TOKEN, '--import-timeout', '0'],
      /Invalid 'import-timeout' '0'\. Expected a whole number from 10 to 86400/,
    ],
    [['dir', '--bogus'], /Unknown option '--bogus'/],
    [
      ['/no/such/backup', '--url', 'https://x.example', '--staff-token', TOKEN],
      /No backup at '\/no\/such\/backup'\. Expected a backup folder, a \.tar archive or a \.tar\.age file/,
    ],
  ] as const) {
    it(`refuses ${argv.join(' ').replace(TOKEN, '<token>') || 'no arguments'}`, async () => {
      const result = await run([...argv])
      assert.equal(result.code, 1)
      assert.match(result.stderr, message)
      assert.ok(!result.stderr.includes(TOKEN.split(':')[1]!), 'the token never appears')
    })
  }
})
