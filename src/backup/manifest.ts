import type { Credentials } from '../settings/settings.js'

/** One file of the backup, with what is needed to check it and to fetch it again. */
export interface ManifestFile {
  /** Relative to the backup folder, with forward slashes. */
  path: string
  size: number
  sha256: string
  /** Where it was downloaded from (a URL, without credentials). */
  source?: string
  etag?: string
  lastModified?: string
}

/** A file the content references that the server did not have. */
export interface MissingFile {
  path: string
  source: string
  /** The HTTP status the server answered, e.g. 404. */
  status: number
}

/**
 * `manifest.json`: what the backup holds and where it came from. Never a credential:
 * only the kind of login used.
 */
export interface Manifest {
  format: 1
  tool: { name: string; version: string }
  site: { title: string; url: string; adminUrl: string; ghostVersion: string }
  auth: Credentials['kind']
  startedAt: string
  finishedAt: string
  parts: string[]
  counts: Record<string, number>
  files: ManifestFile[]
  /** The theme that was active, whether or not its zip is in the backup. */
  activeTheme?: string
  missing: MissingFile[]
  /** Files the content links on other hosts; downloaded only with 'include-external'. */
  external: string[]
  /** References whose paths would escape the backup folder; never fetched. */
  unsafe: string[]
}

/** Files in a stable order, so two manifests of the same site compare line by line. */
export function sortFiles(files: ManifestFile[]): ManifestFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** The manifest without when it was made: equal for two backups of an unchanged site. */
export function timelessManifest(manifest: Manifest): string {
  return JSON.stringify({ ...manifest, startedAt: '', finishedAt: '' })
}

/** True when two manifests differ only in when they were made: the same backup, taken again. */
export function sameManifestApartFromTimes(a: Manifest, b: Manifest): boolean {
  return timelessManifest(a) === timelessManifest(b)
}
