/** The site's size as the full backup saw it, for the results table. */
import type { BenchState } from '../site/bench-site.js'
import type { BackupManifest } from '../context.js'
import type { SiteFacts } from './results.js'

export function siteFacts(state: BenchState, manifest: BackupManifest): SiteFacts {
  const under = (prefix: string) => manifest.files.filter((f) => f.path.startsWith(prefix))
  const bytes = (files: BackupManifest['files']) => files.reduce((sum, f) => sum + f.size, 0)
  const sizeOf = (path: string) => manifest.files.find((f) => f.path === path)?.size ?? 0
  return {
    ...state.seeded,
    // The export's full version; /site/ only tells major.minor.
    ghostVersion: manifest.site.ghostVersion,
    imageFiles: under('images/').length,
    imageFileBytes: bytes(under('images/')),
    mediaBytes: bytes([...under('media/'), ...under('files/')]),
    contentJsonBytes: sizeOf('data/content.json'),
    membersCsvBytes: sizeOf('data/members.csv'),
    backupFiles: manifest.files.length,
    backupBytes: bytes(manifest.files),
  }
}
