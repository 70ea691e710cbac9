import type { GhostClient } from '../ghost/client.js'
import type { PartLog, RestoreContext } from './context.js'
import { listAll, type SiteRow } from './site-state.js'
import { updateStaffProfiles } from './staff-profiles.js'

type Row = Record<string, unknown>

/** The export's tables a restore compares against the site. */
export interface ContentRows {
  posts: Row[]
  tags: Row[]
  users: Row[]
  settings: Row[]
}

/** The site's posts, pages, tags and staff, before or after the import. */
export interface SiteSnapshot {
  posts: SiteRow[]
  pages: SiteRow[]
  tags: SiteRow[]
  users: SiteRow[]
}

/** The tag Ghost puts on every post it imports (api/endpoints/db.js: `#Import YYYY-MM-DD HH:mm`). */
const IMPORT_TAG = /^#Import \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/

export async function takeSnapshot(client: GhostClient): Promise<SiteSnapshot> {
  return {
    posts: await listAll(client, 'posts', 'id,slug,title,status'),
    pages: await listAll(client, 'pages', 'id,slug,title,status'),
    tags: await listAll(client, 'tags', 'id,slug,name'),
    users: await listAll(client, 'users', 'id,slug,email,status'),
  }
}

/**
 * Holds the site after Ghost's import against the backup and says what Ghost skipped:
 * it merges, so a slug already taken gets `-2`, a tag or user already there is kept as
 * it was, and imported staff are locked until they reset their password.
 */
export async function compareContent(
  context: RestoreContext,
  log: PartLog,
  rows: ContentRows,
  before: SiteSnapshot,
): Promise<void> {
  const { client } = context
  const after = await takeSnapshot(client)
  comparePosts(log, rows, before, after)

  const tagsBefore = new Set(before.tags.map((tag) => tag.slug))
  const tagsAfter = new Set(after.tags.map((tag) => tag.slug))
  const backupTags = rows.tags.map((tag) => String(tag.slug ?? ''))
  const keptTags = backupTags.filter((slug) => tagsBefore.has(slug))
  const lostTags = backupTags.filter((slug) => !tagsAfter.has(slug))
  if (keptTags.length > 0) {
    log.missed(`Tags already on the site were kept as they were, not replaced by the backup's: ${keptTags.join(', ')}.`)
  }
  if (lostTags.length > 0) log.missed(`Ghost skipped these tags: ${lostTags.join(', ')}.`)
  log.done(`${backupTags.length - lostTags.length} of ${backupTags.length} tags are on the site.`)
  await removeImportTag(context, log, after, new Set(backupTags))

  const usersBefore = new Set(before.users.map((user) => user.email))
  const byEmail = new Map(after.users.map((user) => [user.email, user]))
  const existing = rows.users.filter((user) => usersBefore.has(String(user.email)))
  const locked = rows.users.filter((user) => !usersBefore.has(String(user.email)) && byEmail.has(String(user.email)))
  const lost = rows.users.filter((user) => !byEmail.has(String(user.email)))
  if (locked.length > 0) {
    log.done(
      `Imported ${locked.length} staff users, whom Ghost locks with a random password until they reset it ("Forgot password" on the sign-in page): ${locked.map((user) => user.email).join(', ')}.`,
    )
  }
  const reslugged = locked.filter((user) => byEmail.get(String(user.email))?.slug !== user.slug)
  if (reslugged.length > 0) {
    const renamed = reslugged.map((user) => `${user.slug} -> ${byEmail.get(String(user.email))?.slug}`)
    log.missed(
      `The site already had these staff slugs, so Ghost gave the imported users new ones: ${renamed.join(', ')}.`,
    )
  }
  if (lost.length > 0) log.missed(`Ghost skipped these staff users: ${lost.map((user) => user.email).join(', ')}.`)
  if (existing.length > 0) await updateStaffProfiles(context, log, existing, after.users)

  const title = rows.settings.find((setting) => setting.key === 'title')?.value
  const siteTitle = (await client.getJson<{ settings?: Row[] }>('settings/')).settings?.find((s) => s.key === 'title')
  if (typeof title === 'string' && siteTitle?.value !== title) {
    log.missed(`The site's title is '${String(siteTitle?.value)}', not the backup's '${title}'.`)
  }
}

function comparePosts(log: PartLog, rows: ContentRows, before: SiteSnapshot, after: SiteSnapshot): void {
  const slugsBefore = new Set([...before.posts, ...before.pages].map((row) => row.slug))
  const added = [...after.posts, ...after.pages].filter((row) => !slugsBefore.has(row.slug)).map((row) => row.slug)
  const addedSet = new Set(added)
  const renamed: string[] = []
  const lost: string[] = []
  for (const post of rows.posts) {
    const slug = String(post.slug ?? '')
    if (!slugsBefore.has(slug) && addedSet.has(slug)) continue
    const other = added.find((candidate) => candidate && new RegExp(`^${escape(slug)}-\\d+$`).test(candidate))
    if (slugsBefore.has(slug) && other) renamed.push(`${slug} -> ${other}`)
    else lost.push(slug)
  }
  const kinds = { post: 0, page: 0 }
  for (const post of rows.posts) kinds[post.type === 'page' ? 'page' : 'post']++
  log.done(`Ghost imported ${kinds.post} posts and ${kinds.page} pages (every status).`)
  if (renamed.length > 0) {
    log.missed(`The site already had these slugs, so Ghost gave the backup's posts new ones: ${renamed.join(', ')}.`)
  }
  if (lost.length > 0) log.missed(`These posts or pages are not on the site after the import: ${lost.join(', ')}.`)
}

/** Ghost tags every imported post `#Import <date>`; the backup's posts did not have it. */
async function removeImportTag(
  context: RestoreContext,
  log: PartLog,
  after: SiteSnapshot,
  backupTags: Set<string>,
): Promise<void> {
  const added = after.tags.filter((tag) => IMPORT_TAG.test(tag.name ?? '') && !backupTags.has(tag.slug ?? ''))
  for (const tag of added) {
    context.record({ part: 'content', method: 'DELETE', endpoint: `/tags/${tag.id}/`, file: tag.name!, size: 0 })
    await context.client.sendJson('DELETE', `tags/${tag.id}/`)
    log.done(`Removed the tag '${tag.name}' Ghost adds to every imported post.`)
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
