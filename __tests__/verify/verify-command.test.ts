import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { tempDir } from '../support/run-fake-backup.js'
import { copyOf, runVerify, wholeBackup } from './support.js'

describe('ghost-backup verify', () => {
  it('prints its help on stdout and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const run = await runVerify([flag])
      assert.equal(run.code, 0)
      assert.ok(
        run.problems.some((line) =>
          line.startsWith('Usage: ghost-backup verify <folder | backup.tar | backup.tar.age>'),
        ),
        flag,
      )
      assert.deepEqual(run.log, [])
    }
  })

  it('names each wrong use on the logger, prints nothing and exits 1', async () => {
    const cases: [string[], string][] = [
      [
        [],
        'error: Missing the backup to check. Usage: ghost-backup verify <folder | backup.tar | backup.tar.age> [--identity <key file>] [--passphrase <text>]',
      ],
      [
        ['a', 'b'],
        'error: Expected one backup, got 2. Usage: ghost-backup verify <folder | backup.tar | backup.tar.age> [--identity <key file>] [--passphrase <text>]',
      ],
      [['--fast', 'a'], "error: Unknown option '--fast'."],
    ]
    for (const [argv, message] of cases) {
      const run = await runVerify(argv)
      assert.deepEqual([run.code, run.log, run.problems, run.summary], [1, [message], [], ''], argv.join(' '))
    }
  })

  it('says what is at a path that is no backup folder', async () => {
    const dir = await tempDir()
    const missing = path.join(dir, 'nowhere')
    const file = path.join(dir, 'notes.txt')
    const archive = path.join(dir, 'backup.tar.age')
    await writeFile(file, 'mine')
    await writeFile(archive, 'sealed')
    const cases: [string, string][] = [
      [missing, `error: No backup at '${missing}'. Expected a backup folder, a .tar archive or a .tar.age file.`],
      [file, `error: '${file}' is not a backup. Expected a backup folder, a .tar archive or a .tar.age file.`],
      [
        archive,
        "error: The backup is encrypted. Pass '--identity <key file>' or '--passphrase' (or GHOST_PASSPHRASE) to open it.",
      ],
    ]
    for (const [input, message] of cases) {
      const run = await runVerify([input])
      assert.deepEqual([run.code, run.log, run.summary], [1, [message], ''], input)
    }
  })

  it('prints every problem, then how many, and logs only its progress', async () => {
    const dir = await copyOf(await wholeBackup({ include: 'content' }))
    await writeFile(path.join(dir, 'extra-1.txt'), '1')
    await writeFile(path.join(dir, 'extra-2.txt'), '2')
    const run = await runVerify([dir])
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      'extra-1.txt: in the folder but not in the manifest (added after the backup?)',
      'extra-2.txt: in the folder but not in the manifest (added after the backup?)',
    ])
    assert.equal(run.summary, `2 problems found in the backup in ${dir}.`)
    assert.deepEqual(run.log, [`Checking the backup in ${dir} ...`])
  })
})
