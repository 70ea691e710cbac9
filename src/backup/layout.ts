/**
 * Where each part lives inside a backup: Ghost-CLI's `ghost backup` layout, with stable
 * names (no dates), so two backups of the same site differ only where the site changed.
 */
export const MANIFEST_FILE = 'manifest.json'
export const CONTENT_FILE = 'data/content.json'
export const MEMBERS_FILE = 'data/members.csv'
export const SETTINGS_FOLDER = 'settings'
export const THEMES_FOLDER = 'themes'

/** Where a theme's zip lives: theme names come from upload file names, so the file name is kept plain. */
export function themeZipPath(name: string): string {
  return `${THEMES_FOLDER}/${name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '_')}.zip`
}
/** Files linked on other hosts, by host: `external/<host>/<path>`. */
export const EXTERNAL_FOLDER = 'external'
/** Work files that never reach the published backup. */
export const SCRATCH_FOLDER = '.scratch'
/** The export, read only to find files when 'content' itself is not wanted. */
export const SCRATCH_CONTENT_FILE = `${SCRATCH_FOLDER}/content.json`
/** An encrypted backup: the whole backup as one age-encrypted tar. */
export const SEALED_FILE = 'backup.tar.age'
/** Beside it: what tells two encrypted backups of an unchanged site apart (see backupFingerprint). */
export const FINGERPRINT_FILE = 'fingerprint.txt'

/** One name of a path inside a backup: not empty, `.` or `..`, and no slash, backslash or NUL. */
export function isPlainSegment(segment: string): boolean {
  return segment !== '' && segment !== '.' && segment !== '..' && !/[/\\\0]/.test(segment)
}

/**
 * A relative path with forward slashes that stays inside the folder it is joined to. Paths
 * from a manifest or an archive may have been crafted; only these are ever used on disk.
 */
export function isPlainRelativePath(relative: string): boolean {
  return relative.split('/').every(isPlainSegment)
}
