import { createReadStream } from 'node:fs'
import { MEMBERS_FILE } from '../backup/layout.js'
import { backupFile, hasPart, partFileReadable, type VerifyContext } from './context.js'
import { CsvScanner } from '../util/csv-scanner.js'

/** The columns Ghost 5 writes first; Ghost 6 adds gift_id and a column per member metafield. */
const GHOST_COLUMNS =
  'id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers'

/** Damage to many rows is named by its first few; the rest only counted. */
const ROWS_NAMED = 5

/**
 * Checks `data/members.csv` is Ghost's members CSV, whole (every record has the header's
 * fields, no quoted field left open), with as many members as the manifest counts.
 */
export async function checkMembers(context: VerifyContext): Promise<void> {
  if (!hasPart(context, 'members') || !partFileReadable(context, 'members', MEMBERS_FILE)) return
  const report = (kind: string, text: string) => context.problems.add(kind, MEMBERS_FILE, text)
  const expected = context.manifest.counts.members
  let header: string[] | undefined
  let wrongRows = 0
  let faults = 0
  const scanner = new CsvScanner(
    (record) => {
      if (record.index === 0) {
        header = record.values!.map((name, at) => (at === 0 ? name.replace(/^\uFEFF/, '') : name))
        return
      }
      if (!header?.includes('email') || record.fields === header.length) return
      if (++wrongRows <= ROWS_NAMED) {
        report(
          'members',
          `record ${record.index} (line ${record.line}) has ${record.fields} fields where the header has ${header.length}`,
        )
      }
    },
    (line, text) => {
      if (++faults <= ROWS_NAMED) report('members', `line ${line}: ${text}`)
    },
  )
  for await (const chunk of createReadStream(backupFile(context, MEMBERS_FILE), 'utf8')) scanner.push(chunk as string)
  const { records, endsInQuotes } = scanner.end()

  // Ghost answers a site without members with an empty body, not even a header line.
  if (records === 0) {
    if (endsInQuotes) report('members', 'ends inside a quoted field (cut short)')
    else if (expected !== 0) report('members', `empty, but the manifest counts ${expected ?? 'some'} members`)
    return
  }
  if (!header!.includes('email')) {
    const first = header!.join(',').slice(0, 80)
    report(
      'members',
      `not Ghost's members CSV: its header '${first}' has no 'email' column (Ghost writes ${GHOST_COLUMNS})`,
    )
    return
  }
  const duplicated = header!.filter((name, at) => header!.indexOf(name) !== at)
  if (duplicated.length > 0) report('members', `the header repeats the columns ${[...new Set(duplicated)].join(', ')}`)
  if (wrongRows > ROWS_NAMED)
    report('members', `${wrongRows - ROWS_NAMED} more records with the wrong number of fields`)
  if (faults > ROWS_NAMED) report('members', `${faults - ROWS_NAMED} more lines with misplaced quotes`)
  if (endsInQuotes) report('members', 'ends inside a quoted field (cut short)')
  const members = records - 1
  if (typeof expected === 'number' && members !== expected) {
    report('members-count', `holds ${members} members, but the manifest counts ${expected}`)
  }
}
