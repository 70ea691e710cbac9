import { downloadMembersCsv, fetchMemberTotal } from '../../ghost/exports/members.js'
import { countMembersCsv } from '../members-csv.js'
import { MEMBERS_FILE } from '../layout.js'
import { assertCount, type PartContext, type PartResult } from './part.js'

/** `data/members.csv`: every member, checked to be whole and as many as Ghost counts. */
export async function backupMembers(context: PartContext): Promise<PartResult> {
  const { client, folder, logger } = context
  const file = await folder.file(MEMBERS_FILE)
  let members = 0
  const saved = await downloadMembersCsv(client, file, async (csv) => {
    members = await countMembersCsv(csv)
  })
  assertCount('members', members, await fetchMemberTotal(client))
  logger.info(`Members: ${members} (${saved.size} bytes).`)
  return {
    files: [{ path: MEMBERS_FILE, size: saved.size, sha256: saved.sha256, source: client.url('members/upload/').href }],
    counts: { members },
  }
}
