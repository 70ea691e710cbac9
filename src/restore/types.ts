import type { HttpTransport } from '../ghost/http.js'
import type { Part } from '../settings/parts.js'
import type { Credentials, SiteAddress } from '../settings/settings.js'
import type { Logger } from '../util/logger.js'
import type { RetryPolicy } from '../util/retry.js'

/** How to put a backup into a site; everything but the address and credentials is optional. */
export interface RestoreOptions extends SiteAddress {
  /** A staff access token of the Owner or an Administrator (password login works too). */
  credentials: Credentials
  /** What to restore, from the backup's parts; default every part the backup holds. */
  parts?: readonly Part[]
  /** Restore into a site that already has content: Ghost merges, it never replaces. */
  force?: boolean
  /** Ask Ghost to delete all posts and tags first (`DELETE /db/`); Ghost refuses staff tokens. */
  wipe?: boolean
  /** Only read the backup and the site and list what would be sent. */
  dryRun?: boolean
  /** How long to wait for each of Ghost's background imports; default 10 minutes. */
  importTimeoutMs?: number
  /**
   * The largest zip of images, media and files sent in one request; default 45 MiB, under
   * the 50 MB `client_max_body_size` Ghost-CLI's nginx configuration sets.
   */
  maxUploadBytes?: number
  /** Site files checked against the site at once; default 8. */
  concurrency?: number
}

/** The seams a restore runs through; the front door makes the real ones, tests their own. */
export interface RestoreDependencies {
  transport: HttpTransport
  retry: RetryPolicy
  logger: Logger
  now(): Date
  /** Waits between two looks at a background import; tests return at once. */
  sleep(ms: number): Promise<void>
}

/** One request that changes the site: sent, or in a dry run, that would be sent. */
export interface RestoreRequest {
  part: Part
  method: 'POST' | 'PUT' | 'DELETE'
  /** Under the Admin API root, e.g. `/db/`. */
  endpoint: string
  /** What is sent: a backup-relative path, or the name of a zip built from several files. */
  file: string
  /** Bytes of the file (or zip) sent. */
  size: number
  /** Backup-relative paths of the files inside a zip. */
  contains?: string[]
}

/** What became of one part. */
export interface PartOutcome {
  part: Part
  /** `incomplete`: sent, but Ghost skipped or could not take some of it (see `details`). */
  status: 'restored' | 'incomplete' | 'failed' | 'planned'
  /** What happened, one plain sentence each. */
  details: string[]
  /** Time spent on the part, in milliseconds. */
  ms: number
}

/** What a restore did, and what it could not do, in words a site owner can act on. */
export interface RestoreReport {
  site: { url: string; ghostVersion: string }
  backup: { path: string; ghostVersion?: string; siteUrl?: string }
  dryRun: boolean
  /** Every request that changes the site, in the order sent (or planned). */
  requests: RestoreRequest[]
  parts: PartOutcome[]
  /** What a restore cannot bring back, for this backup and this site. */
  notRestored: string[]
  /** True when every part was restored whole (or, in a dry run, when nothing stands in the way). */
  ok: boolean
  ms: number
}
