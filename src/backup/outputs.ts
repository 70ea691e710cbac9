import type { BackupResult } from './run-backup.js'

/** The step outputs (and the CLI's closing lines), gathered in one place. */
export function backupOutputs(result: BackupResult): Record<string, string> {
  const { manifest } = result
  return {
    path: result.path,
    'ghost-version': manifest.site.ghostVersion,
    'site-title': manifest.site.title,
    posts: String(manifest.counts.posts ?? 0),
    pages: String(manifest.counts.pages ?? 0),
  }
}
