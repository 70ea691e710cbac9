import type { GhostClient, SavedCheck, SavedResponse } from '../client.js'
import { GhostApiError } from '../errors.js'
import { versionAtLeast } from '../site-info.js'

/** The first 5.x release whose staff tokens carry their user's permissions. */
const STAFF_TOKEN_EXPORT_SINCE = '5.129'

/**
 * Downloads Ghost's content export (`GET /db/`) into `file`. Ghost builds it in memory
 * and sends it whole; it is streamed to disk here so the client's memory stays flat.
 * @param includeTables extra tables for `?include=` (e.g. members); empty for Ghost's default
 * @param check reads the saved export; it throws a temporary error for one cut short
 */
export async function downloadContentExport(
  client: GhostClient,
  file: string,
  ghostVersion: string,
  includeTables: readonly string[],
  check: SavedCheck,
): Promise<SavedResponse> {
  const query: Record<string, string> = includeTables.length > 0 ? { include: includeTables.join(',') } : {}
  try {
    // Ghost streams the export in chunks; behind a proxy that ends it by closing the
    // connection, only the JSON itself can tell it was cut, so that is checked per attempt.
    return await client.saveTo('db/', file, query, check)
  } catch (error) {
    if (error instanceof GhostApiError && (error.status === 403 || error.status === 501)) {
      throw new Error(await explainExportRefused(client, error, ghostVersion))
    }
    throw error
  }
}

interface Me {
  users?: { name?: string; roles?: { name?: string }[] }[]
}

/** Turns Ghost's "no permission" into what to do about it, by who the credential belongs to. */
async function explainExportRefused(client: GhostClient, error: GhostApiError, version: string): Promise<string> {
  const said = error.ghostMessage ? ` (Ghost says: "${error.ghostMessage}")` : ''
  const role = await currentRole(client)
  if (role === undefined) {
    return `Ghost refused the content export${said}. This looks like a custom integration's Admin API key: integration keys cannot export content. Use the staff access token of the Owner or an Administrator as 'staff-token' (Ghost Admin > Settings > Staff > the user > 'Staff access token').`
  }
  if (role === 'Owner' || role === 'Administrator') {
    const upgrade = !versionAtLeast(version, STAFF_TOKEN_EXPORT_SINCE)
      ? ` Ghost ${version} does not let staff tokens export; Ghost ${STAFF_TOKEN_EXPORT_SINCE} and later do. Upgrade Ghost, or log in with 'username' and 'password' on a site with staff device verification off.`
      : ''
    return `Ghost refused the content export for this ${role}${said}.${upgrade}`
  }
  return `Ghost refused the content export${said}: the credential belongs to a user with the ${role} role, and only the Owner or an Administrator may export a site. Use an Owner's or Administrator's staff access token as 'staff-token'.`
}

/** The role of the user behind the credential, or undefined when it is not a staff user. */
async function currentRole(client: GhostClient): Promise<string | undefined> {
  try {
    const me = await client.getJson<Me>('users/me/', { include: 'roles' })
    return me.users?.[0]?.roles?.[0]?.name ?? 'unknown'
  } catch {
    return undefined
  }
}
