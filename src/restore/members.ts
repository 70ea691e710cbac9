import { readJson } from '../ghost/body.js'
import type { PartLog, RestoreContext } from './context.js'
import { readMembersCsv } from './members-csv.js'
import { multipartBody } from './multipart.js'
import { pollUntil } from './poll.js'
import { listAll, total } from './site-state.js'
import { listed } from './words.js'

/** Ghost's answer to a members upload; `stats` only when it imported inline. */
interface UploadAnswer {
  meta?: {
    stats?: { imported?: number; invalid?: { email?: string; error?: string }[] }
    import_label?: { id?: string; name?: string } | null
  }
}

/** The label Ghost puts on every member it imports (`Import YYYY-MM-DD HH:mm`). */
const IMPORT_LABEL = /^Import \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/

/**
 * `data/members.csv` through `POST /members/upload/` (field `membersfile`). Ghost's
 * importer maps the export's own columns by default (email, name, note,
 * subscribed_to_emails, complimentary_plan, created_at, labels), so no mapping is sent.
 */
export async function restoreMembers(context: RestoreContext, log: PartLog): Promise<void> {
  const { client, deps, source } = context
  const file = source.members!
  const csv = await readMembersCsv(file.absolute)
  if (csv.rows === 0) return void log.done('The backup has no members.')

  const labelsBefore = new Set((await listAll(client, 'labels', 'id,name')).map((label) => label.id))
  const membersBefore = await total(client, 'members')
  let imported = 0
  let deferred = 0
  const refused: { email?: string; error?: string }[] = []
  for (const chunk of csv.chunks) {
    const size = Buffer.byteLength(chunk.text)
    const name = csv.chunks.length > 1 ? `${file.path} (rows ${chunk.first}-${chunk.last})` : file.path
    context.record({ part: 'members', method: 'POST', endpoint: '/members/upload/', file: name, size })
    if (context.dryRun) continue
    deps.logger.info(`Sending ${name} (POST /members/upload/)...`)
    const body = multipartBody([
      { field: 'membersfile', fileName: 'members.csv', contentType: 'text/csv', content: Buffer.from(chunk.text) },
    ])
    const response = await client.send('POST', 'members/upload/', body)
    const answer = await readJson<UploadAnswer>('POST /members/upload/', response)
    const stats = answer.meta?.stats
    if (response.status === 202 || !stats) deferred += chunk.rows
    else {
      imported += stats.imported ?? 0
      refused.push(...(stats.invalid ?? []))
    }
  }
  if (context.dryRun) return void planned(log, csv.rows, csv.stripeLinks)

  if (deferred > 0) {
    // Ghost took some rows into a background job; its outcome is only emailed, so count.
    const expected = membersBefore + imported + deferred
    const seen = await pollUntil(deps, context.importTimeoutMs, async () => {
      const count = await total(client, 'members')
      return count >= expected ? count : undefined
    })
    if (seen === undefined) {
      log.missed(
        `Ghost imported ${deferred} members in the background and had not finished after ${Math.round(context.importTimeoutMs / 1000)} s; it emails the result to the user whose token was used.`,
      )
    } else imported += deferred
  }
  log.done(`Ghost imported ${imported} of ${csv.rows} members, with their labels, notes and email subscription.`)
  await removeImportLabels(context, log, labelsBefore, csv.labels)
  if (refused.length > 0) {
    const reasons = [...new Set(refused.map((row) => row.error ?? 'no reason given'))]
    log.missed(
      `Ghost refused ${refused.length} members (${reasons.slice(0, 5).join('; ')}): ${listed(refused.map((row) => row.email ?? '?'))}.`,
    )
  }
  if (csv.stripeLinks > 0) {
    log.missed(
      `${csv.stripeLinks} members had a Stripe customer; they came back without it (free, or complimentary if they were). Connect Stripe and import data/members.csv in Ghost Admin to link them again.`,
    )
  }
}

function planned(log: PartLog, rows: number, stripeLinks: number): void {
  log.done(`Would import ${rows} members.`)
  if (stripeLinks > 0) log.done(`Would leave out the Stripe customer of ${stripeLinks} members.`)
}

/** Removes the `Import <date>` labels this restore made Ghost add; the backup's members did not have them. */
async function removeImportLabels(
  context: RestoreContext,
  log: PartLog,
  before: Set<string>,
  backupLabels: Set<string>,
): Promise<void> {
  const labels = await listAll(context.client, 'labels', 'id,name')
  const added = labels.filter(
    (label) => !before.has(label.id) && IMPORT_LABEL.test(label.name ?? '') && !backupLabels.has(label.name!),
  )
  for (const label of added) {
    context.record({ part: 'members', method: 'DELETE', endpoint: `/labels/${label.id}/`, file: label.name!, size: 0 })
    await context.client.sendJson('DELETE', `labels/${label.id}/`)
    log.done(`Removed the label '${label.name}' Ghost adds to every imported member.`)
  }
}
