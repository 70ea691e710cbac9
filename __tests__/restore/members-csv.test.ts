import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { csvRecords, readMembersCsv, toCsvLine } from '../../src/restore/members-csv.js'
import { tempDir } from '../support/run-fake-backup.js'
import { MEMBERS_HEADER } from './fake-backup.js'

async function csvFile(text: string): Promise<string> {
  const file = path.join(await tempDir(), 'members.csv')
  await writeFile(file, text)
  return file
}

describe('members CSV for restore', () => {
  it('reads quoted commas, quotes and line breaks as one field, and writes them back the same', async () => {
    const line = '1,a@example.com,"Smith, Ann","line one\nline two ""quoted""",true'
    const records = []
    for await (const record of csvRecords(await csvFile(`${line}\r\n2,b@example.com,,,false`))) records.push(record)
    assert.deepEqual(records, [
      ['1', 'a@example.com', 'Smith, Ann', 'line one\nline two "quoted"', 'true'],
      ['2', 'b@example.com', '', '', 'false'],
    ])
    assert.equal(toCsvLine(records[0]!), line)
  })

  it('cuts the file into pieces Ghost imports inline, each with the header', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `${i},m${i}@example.com,M,,true,false,,2026-01-01,,VIP,`)
    const csv = await readMembersCsv(await csvFile([MEMBERS_HEADER, ...rows, ''].join('\n')), 2)
    assert.equal(csv.rows, 5)
    assert.deepEqual(
      csv.chunks.map((chunk) => [chunk.rows, chunk.first, chunk.last]),
      [
        [2, 1, 2],
        [2, 3, 4],
        [1, 5, 5],
      ],
    )
    for (const chunk of csv.chunks) assert.ok(chunk.text.startsWith(`${MEMBERS_HEADER}\n`))
    assert.deepEqual([...csv.labels], ['VIP'])
  })

  it('leaves out Stripe customers and counts them', async () => {
    const text = `${MEMBERS_HEADER}\n1,a@example.com,A,,true,false,cus_1,2026-01-01,,"VIP,Press",\n`
    const csv = await readMembersCsv(await csvFile(text))
    assert.equal(csv.stripeLinks, 1)
    assert.equal(csv.chunks[0]!.text, `${MEMBERS_HEADER}\n1,a@example.com,A,,true,false,,2026-01-01,,"VIP,Press",\n`)
    assert.deepEqual([...csv.labels].sort(), ['Press', 'VIP'])
  })

  it('reads an empty export (a site without members) as no members', async () => {
    assert.equal((await readMembersCsv(await csvFile(''))).rows, 0)
  })

  it('refuses a file that is not a members export, or one cut short', async () => {
    await assert.rejects(readMembersCsv(await csvFile('name,note\nA,B\n')), /no 'email' column/)
    await assert.rejects(
      readMembersCsv(await csvFile(`${MEMBERS_HEADER}\n1,"a@example.com`)),
      /ends inside a quoted field/,
    )
  })
})
