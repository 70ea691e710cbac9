import type { GhostClient } from './client.js'
import { RetriesSpentError } from '../util/retry.js'
import { GhostApiError, RedirectError, UnexpectedResponseError } from './errors.js'

/** What `GET /site/` tells anyone, before logging in. */
export interface SiteInfo {
  title: string
  /** The public site URL as Ghost knows it (where images are served). */
  url: string
  /** `major.minor`, e.g. "6.65"; the export later gives the full version. */
  version: string
}

/**
 * Asks the site who it is, without credentials. Run first, so a wrong URL fails with
 * a clear message before any credential is sent.
 */
export async function fetchSiteInfo(client: GhostClient, urlInputName: string): Promise<SiteInfo> {
  const where = client.url('site/').href
  let body: { site?: Partial<SiteInfo> }
  try {
    body = await client.getJson<{ site?: Partial<SiteInfo> }>('site/', {}, false)
  } catch (error) {
    if (error instanceof RedirectError) throw error
    // Tried and tried again: the site is down or unreachable, whatever the last answer was.
    if (error instanceof RetriesSpentError) {
      const { last, attempts } = error
      const answer = last instanceof GhostApiError ? `HTTP ${last.status}` : last.message.replace(/^GET \S+:? /, '')
      throw new Error(
        `Could not reach ${where} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'} (${answer.replace(/\.$/, '')}). Check '${urlInputName}' and that the site is up, then run the backup again.`,
      )
    }
    if (error instanceof GhostApiError) {
      const admin = error.status === 404 ? await client.adminRedirect().catch(() => undefined) : undefined
      if (admin) {
        throw new Error(
          `GET ${where} answered HTTP 404: Ghost Admin and its API are served from ${admin.href}, where this site sends visitors of /ghost/. Set 'admin-url' to ${admin.href}.`,
        )
      }
      throw new Error(
        `'${urlInputName}' does not look like a Ghost site: GET ${where} answered HTTP ${error.status}. Check '${urlInputName}'; if Ghost Admin is served on another host, set 'admin-url' to it.`,
      )
    }
    if (error instanceof UnexpectedResponseError) {
      const answer = error.message.replace(/^GET \/site\/: /, '')
      throw new Error(
        `'${urlInputName}' does not look like a Ghost site: GET ${where}: ${answer} Check '${urlInputName}'.`,
      )
    }
    const reason = (error as Error).message
    throw new Error(`Could not reach ${where} (${reason}). Check '${urlInputName}' and that the site is up.`)
  }
  const site = body.site
  if (!site || typeof site.version !== 'string' || typeof site.url !== 'string') {
    throw new Error(
      `'${urlInputName}' does not look like a Ghost site: GET ${where} answered JSON without a site version. Check '${urlInputName}'.`,
    )
  }
  return { title: String(site.title ?? ''), url: site.url, version: site.version }
}

/** Compares dotted versions by their numbers: "5.118" < "5.130.6". */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number)
  const b = minimum.split('.').map(Number)
  for (let i = 0; i < b.length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0)
    if (difference !== 0) return difference > 0
  }
  return true
}
