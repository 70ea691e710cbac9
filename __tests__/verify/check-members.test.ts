import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MEMBERS_CSV } from './fake-site.js'
import { copyOf, editManifest, replaceFile, runVerify, wholeBackup } from './support.js'

const MEMBERS = 'data/members.csv'
const SIZE = Buffer.byteLength(MEMBERS_CSV)
/** Ghost 6's columns: Ghost 5's and gift_id. */
const GHOST6_HEADER =
  'id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers,gift_id'

describe('the members CSV check', () => {
  const withCsv = async (csv: string, resigned = true) => {
    const dir = await copyOf(await wholeBackup({ include: 'members' }))
    await replaceFile(dir, MEMBERS, csv, resigned)
    return dir
  }

  it("passes Ghost 6's columns, LF line ends and a last line ending in a newline", async () => {
    const rows = MEMBERS_CSV.split('\r\n').slice(1)
    const csv = `${[GHOST6_HEADER, ...rows.map((row) => `${row},`)].join('\n')}\n`
    const run = await runVerify([await withCsv(csv)])
    assert.deepEqual(run.problems, [])
    assert.equal(run.code, 0)
  })

  it('names a CSV cut inside a quoted field', async () => {
    const cut = MEMBERS_CSV.indexOf('Met at the fair') + 10
    const run = await runVerify([await withCsv(MEMBERS_CSV.slice(0, cut), false)])
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      `${MEMBERS}: ${cut} bytes where the manifest says ${SIZE} (cut short)`,
      `${MEMBERS}: ends inside a quoted field (cut short)`,
      `${MEMBERS}: holds 1 members, but the manifest counts 3`,
    ])
  })

  it('names a row with the wrong number of fields, by record and line', async () => {
    // The second member's note spans two lines, so the third member starts on line 5.
    const csv = MEMBERS_CSV.replace('3,cy@example.com,Zoë,', '3,cy@example.com,Zoë,,')
    const run = await runVerify([await withCsv(csv)])
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [`${MEMBERS}: record 3 (line 5) has 12 fields where the header has 11`])
  })

  it('names the first few bad rows and counts the rest', async () => {
    const header = MEMBERS_CSV.split('\r\n')[0]
    const rows = Array.from({ length: 8 }, (_, i) => `${i},m${i}@example.com`)
    const dir = await withCsv([header, ...rows].join('\n'))
    await editManifest(dir, (manifest) => (manifest.counts.members = 8))
    const run = await runVerify([dir])
    assert.deepEqual(run.problems, [
      ...[1, 2, 3, 4, 5].map((n) => `${MEMBERS}: record ${n} (line ${n + 1}) has 2 fields where the header has 11`),
      `${MEMBERS}: 3 more records with the wrong number of fields`,
    ])
  })

  it('names misplaced quotes', async () => {
    const csv = MEMBERS_CSV.replace('1,ann@example.com,Ann,', '1,ann@example.com,An"n,').replace('"Bob, Jr."', '"Bob"x')
    const run = await runVerify([await withCsv(csv)])
    assert.deepEqual(run.problems, [
      `${MEMBERS}: line 2: a quote inside an unquoted field`,
      `${MEMBERS}: line 3: text after a closing quote`,
    ])
  })

  it("names a file that is not Ghost's members CSV", async () => {
    const run = await runVerify([await withCsv('name,address\nAnn,Main Street 1\n')])
    assert.equal(run.code, 1)
    assert.deepEqual(run.problems, [
      `${MEMBERS}: not Ghost's members CSV: its header 'name,address' has no 'email' column (Ghost writes id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers)`,
    ])
  })

  it('names an empty file where the manifest counts members', async () => {
    const run = await runVerify([await withCsv('')])
    assert.deepEqual(run.problems, [`${MEMBERS}: empty, but the manifest counts 3 members`])
  })

  it('holds the rows against the manifest count', async () => {
    const dir = await withCsv(MEMBERS_CSV)
    await editManifest(dir, (manifest) => (manifest.counts.members = 4))
    const run = await runVerify([dir])
    assert.deepEqual(run.problems, [`${MEMBERS}: holds 3 members, but the manifest counts 4`])
  })

  it('names a repeated column', async () => {
    const csv = MEMBERS_CSV.replace('labels,tiers', 'labels,labels')
    const run = await runVerify([await withCsv(csv)])
    assert.deepEqual(run.problems, [`${MEMBERS}: the header repeats the columns labels`])
  })
})
