import { createReadStream } from 'node:fs'
import { UnexpectedResponseError } from '../../ghost/errors.js'
import { downloadMembersCsv, fetchMemberTotal } from '../../ghost/exports/members.js'
import { countCsvRecords } from '../members-csv.js'
import { MEMBERS_FILE } from '../layout.js'
import { assertCount, type PartContext, type PartResult } from './part.js'

/** `data/members.csv`: every member, checked to be whole and as many as Ghost counts. */
export async function backupMembers(context: PartContext): Promise<PartResult> {
  const { client, folder, logger } = context
  const file = await folder.file(MEMBERS_FILE)
  let members = 0
  const saved = await downloadMembersCsv(client, file, async (csv) => {
    members = await countCsvRecords(csv)
    await assertLastRecordWhole(csv)
  })
  assertCount('members', members, await fetchMemberTotal(client))
  logger.info(`Members: ${members} (${saved.size} bytes).`)
  return {
    files: [{ path: MEMBERS_FILE, size: saved.size, sha256: saved.sha256, source: client.url('members/upload/').href }],
    counts: { members },
  }
}

const [QUOTE, COMMA, NEWLINE] = [0x22, 0x2c, 0x0a]

/**
 * Ghost ends its CSV right after the last record's last field. A last record with fewer
 * fields than the header was cut inside its line, where no quote is left open and the
 * record count cannot tell: a cut line still counts as a member.
 */
async function assertLastRecordWhole(file: string): Promise<void> {
  let inQuotes = false
  let headerFields = 0
  let fields = 1
  let recordBytes = 0
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === QUOTE) inQuotes = !inQuotes
      else if (!inQuotes && byte === COMMA) fields++
      else if (!inQuotes && byte === NEWLINE) {
        headerFields ||= fields
        fields = 1
        recordBytes = 0
        continue
      }
      recordBytes++
    }
  }
  if (headerFields > 0 && recordBytes > 0 && fields < headerFields) {
    throw new UnexpectedResponseError(
      `The members export ends inside its last line (${fields} of ${headerFields} fields): it was cut short.`,
      true,
    )
  }
}
