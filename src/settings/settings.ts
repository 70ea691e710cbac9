/** A staff access token or Admin API key, split into its two halves. */
export interface StaffToken {
  /** The key id, sent as the JWT's `kid`. */
  id: string
  /** The hex secret the JWT is signed with. */
  secret: string
}

import type { EncryptionKeys } from '../archive/encryption.js'
import type { DestinationSettings } from './destinations.js'
import type { Part } from './parts.js'

export type Credentials =
  { kind: 'staff-token'; token: StaffToken } | { kind: 'password'; username: string; password: string }

/** Where the site lives, as Ghost needs it addressed. */
export interface SiteAddress {
  /** The site URL the user gave, normalised: no query, no hash, trailing slash. */
  siteUrl: URL
  /** Where Ghost Admin and its API are served; the site URL unless 'admin-url' is set. */
  adminUrl: URL
}

/** Everything a backup run needs, read and validated once from the inputs. */
export interface BackupSettings extends SiteAddress {
  credentials: Credentials
  /** Absolute path of the folder the backup is written to. */
  path: string
  /** What to back up, in canonical order. */
  parts: Part[]
  /** Extra tables for the content export's `?include=`. */
  includeTables: string[]
  /** Download files the content links on other hosts too. */
  includeExternal: boolean
  /** Downloads running at once. */
  concurrency: number
  /** Check the finished backup offline before publishing it. */
  verify: boolean
  /** Where the finished backup goes; neither set means it stays in 'path'. */
  destinations: DestinationSettings
  /** A GitHub token ('github-token'), for the commit destination and to look up a repository's visibility. */
  githubToken?: string
  /** Encrypt the backup with age before it leaves the runner. */
  encryption?: EncryptionKeys
  /** Deliver unencrypted even into a public repository (with a warning). */
  allowPublicUnencrypted: boolean
  /** A previous backup to compare with, when not taken from the commit branch. */
  previousPath?: string
  /** Repeats allowed for a request that failed for a passing reason. */
  retries: number
  /** How long a request may stay silent. */
  requestTimeoutMs: number
}
