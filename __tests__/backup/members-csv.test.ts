import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { countMembersCsv } from '../../src/backup/members-csv.js'
import { tempDir } from '../support/run-fake-backup.js'

const HEADER =
  'id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers\n'

async function count(text: string): Promise<number> {
  const file = path.join(await tempDir(), 'members.csv')
  await writeFile(file, text)
  return countMembersCsv(file)
}

describe('countMembersCsv', () => {
  it("reads Ghost's empty answer for a site without members as none", async () => {
    assert.equal(await count(''), 0)
  })

  it('counts members, not the header', async () => {
    assert.equal(await count(HEADER), 0)
    assert.equal(
      await count(
        `${HEADER}1,a@example.com,A,,true,false,,2026-01-01,,,\n2,b@example.com,B,,true,false,,2026-01-01,,,\n`,
      ),
      2,
    )
  })

  it('counts a last line without a newline', async () => {
    assert.equal(await count(`${HEADER}1,a@example.com,A,,true,false,,2026-01-01,,,`), 1)
  })

  it('keeps quoted commas and line breaks inside one member', async () => {
    const row = '1,a@example.com,"Smith, Ann","line one\nline two ""quoted""",true,false,,2026-01-01,,"vip,press",\n'
    assert.equal(await count(`${HEADER}${row}`), 1)
  })

  it('refuses a file cut inside a quoted field', async () => {
    await assert.rejects(count(`${HEADER}1,a@example.com,"unfinished`), /ends inside a quoted field/)
  })

  it('refuses a file cut inside its last line, where no quote is open', async () => {
    await assert.rejects(count(`${HEADER}1,a@example.com,A,,tr`), /ends inside its last line \(5 of 11 fields\)/)
  })

  it('refuses something that is not the members CSV', async () => {
    await assert.rejects(count('<!DOCTYPE html><html></html>'), /is not Ghost's members CSV/)
  })
})
