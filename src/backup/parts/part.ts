import type { GhostClient } from '../../ghost/client.js'
import type { SiteInfo } from '../../ghost/site-info.js'
import type { BackupSettings } from '../../settings/settings.js'
import type { BackupFolder } from '../backup-folder.js'
import type { BackupDependencies } from '../run-backup.js'
import type { ManifestFile } from '../manifest.js'
import type { PreviousBackup } from '../previous.js'

/** What every part of a backup works with: read from settings and Ghost, writes into the folder. */
export interface PartContext extends BackupDependencies {
  settings: BackupSettings
  client: GhostClient
  site: SiteInfo
  folder: BackupFolder
  /** An earlier backup of the site to keep unchanged files from. */
  previous?: PreviousBackup
}

/** What a part adds to the manifest. */
export interface PartResult {
  files: ManifestFile[]
  counts: Record<string, number>
}

/** Ghost's own total of a resource (`posts`, `pages`, `members`), to cross-check a backup against. */
export async function ghostTotal(client: GhostClient, resource: string): Promise<number> {
  const body = await client.getJson<{ meta?: { pagination?: { total?: number } } }>(`${resource}/`, {
    limit: '1',
    fields: 'id',
  })
  const total = body.meta?.pagination?.total
  if (typeof total !== 'number') throw new Error(`GET /${resource}/ answered without a total count.`)
  return total
}

/** Fails the run when a saved part holds a different number of things than Ghost says it has. */
export function assertCount(what: string, saved: number, ghost: number): void {
  if (saved !== ghost) {
    throw new Error(
      `The backup holds ${saved} ${what} but Ghost reports ${ghost}. The site may have changed during the backup; run it again.`,
    )
  }
}
