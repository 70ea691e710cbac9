import { GhostApiError } from '../ghost/errors.js'
import type { PartLog, RestoreContext } from './context.js'
import type { SiteRow } from './site-state.js'

/** The public profile of a staff user: what readers see on author pages. */
const PROFILE_FIELDS = [
  'name',
  'slug',
  'bio',
  'website',
  'location',
  'facebook',
  'twitter',
  'threads',
  'bluesky',
  'mastodon',
  'tiktok',
  'youtube',
  'instagram',
  'linkedin',
  'profile_image',
  'cover_image',
  'meta_title',
  'meta_description',
] as const

/**
 * Ghost's importer skips a staff user whose email is already on the site (a unique
 * column), which is always true of the person restoring: their profile would stay the
 * fresh site's. The backup's public profile is put back with `PUT /users/:id/`; email,
 * role and password stay as they are.
 */
export async function updateStaffProfiles(
  context: RestoreContext,
  log: PartLog,
  backupUsers: Record<string, unknown>[],
  siteUsers: SiteRow[],
): Promise<void> {
  const updated: string[] = []
  // Exports store the site's own address as __GHOST_URL__ (no trailing slash).
  const ghostUrl = context.site.url.href.replace(/\/$/, '')
  for (const user of backupUsers) {
    const target = siteUsers.find((row) => row.email === user.email)
    if (!target) continue
    const profile: Record<string, unknown> = {}
    for (const field of PROFILE_FIELDS) {
      const value = user[field]
      if (value === undefined) continue
      profile[field] = typeof value === 'string' ? value.replaceAll('__GHOST_URL__', ghostUrl) : value
    }
    context.record({
      part: 'content',
      method: 'PUT',
      endpoint: `/users/${target.id}/`,
      file: String(user.email),
      size: 0,
    })
    try {
      await context.client.sendJson('PUT', `users/${target.id}/`, { users: [profile] })
      updated.push(String(user.email))
    } catch (error) {
      if (!(error instanceof GhostApiError)) throw error
      log.missed(`Ghost kept the existing profile of ${String(user.email)} (${error.message}).`)
    }
  }
  if (updated.length > 0) {
    log.done(
      `Staff users already on the site kept their email, role and password; their public profile (name, slug, bio, pictures) was set from the backup: ${updated.join(', ')}.`,
    )
  }
}
