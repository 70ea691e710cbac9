import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type SeededGhost, startSeededGhost } from '../../scripts/ghost/index.js'
import { verifyBackup } from '../../src/verify/verify-backup.js'
import { MAJORS, realGhost } from '../support/real-ghost.js'
import { runFakeBackup, tempDir } from '../support/run-fake-backup.js'
import { copyOf, runVerify } from './support.js'

describe('verify on backups of real Ghost', realGhost, () => {
  const sites = new Map<number, SeededGhost>()
  before(async () => {
    const started = await Promise.all(MAJORS.map((major) => startSeededGhost({ major })))
    started.forEach((ghost) => sites.set(ghost.site.major, ghost))
  })
  after(() => Promise.all([...sites.values()].map((ghost) => ghost.site.stop())))

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      let backup: string
      before(async () => {
        const { site, staff } = sites.get(major)!
        backup = path.join(await tempDir(), 'backup')
        // The backup core in-process, every part: what the action and the CLI run.
        await runFakeBackup(site.url, { include: 'all', path: backup, 'staff-token': staff.owner.token })
      })

      it('finds the backup whole, every part and reference checked', async () => {
        const manifest = JSON.parse(await readFile(path.join(backup, 'manifest.json'), 'utf8'))
        const report = await verifyBackup(backup)
        assert.deepEqual(report.problems, [])
        assert.equal(report.checked.files, manifest.files.length)
        assert.ok(report.checked.references >= sites.get(major)!.seed.uploads.length, String(report.checked.references))
        const run = await runVerify([backup])
        assert.equal(run.code, 0)
        assert.match(run.summary, /^Backup in .* is whole: \d+ files, \d+ bytes, \d+ references checked\.$/)
      })

      it("reads Ghost's own members CSV and theme zip", async () => {
        const csv = await readFile(path.join(backup, 'data/members.csv'), 'utf8')
        assert.match(csv, /^id,email,name,note,subscribed_to_emails,complimentary_plan,/)
        const manifest = JSON.parse(await readFile(path.join(backup, 'manifest.json'), 'utf8'))
        assert.equal(manifest.counts.members, sites.get(major)!.seed.members.length)
        assert.ok(manifest.files.some((file: { path: string }) => file.path === `themes/${manifest.activeTheme}.zip`))
      })

      it('names a member row damaged in a real export', async () => {
        const dir = await copyOf(backup)
        const file = path.join(dir, 'data/members.csv')
        const before = await readFile(file, 'utf8')
        // Ghost writes one member per CRLF line; the seeded notes hold no line breaks.
        const lines = before.split('\r\n')
        lines[2] = `${lines[2]},extra`
        const after = lines.join('\r\n')
        await writeFile(file, after)
        const run = await runVerify([dir])
        assert.equal(run.code, 1)
        const header = lines[0]!.split(',').length
        const [size, was] = [Buffer.byteLength(after), Buffer.byteLength(before)]
        assert.deepEqual(run.problems, [
          `data/members.csv: ${size} bytes where the manifest says ${was} (grown or replaced)`,
          `data/members.csv: record 2 (line 3) has ${header + 1} fields where the header has ${header}`,
        ])
      })
    })
  }
})
