import * as path from 'node:path'
import { readBody } from '../ghost/body.js'
import { GhostApiError } from '../ghost/errors.js'
import type { BackupFile } from './backup-source.js'
import type { PartLog, RestoreContext } from './context.js'
import { multipartBody } from './multipart.js'

/**
 * `settings/routes.yaml` through `POST /settings/routes/yaml/` (field `routes`) and the
 * redirects through `POST /redirects/upload/` (field `redirects`). Ghost reads the
 * redirects as JSON or YAML by the file's extension, so the backup's name is kept.
 * Each replaces what the site had.
 */
export async function restoreSettingsFiles(context: RestoreContext, log: PartLog): Promise<void> {
  const { routes, redirects } = context.source
  if (routes) await upload(context, log, routes, 'settings/routes/yaml/', 'routes', 'application/yaml')
  if (redirects) {
    const type = redirects.path.endsWith('.json') ? 'application/json' : 'application/yaml'
    await upload(context, log, redirects, 'redirects/upload/', 'redirects', type)
  }
}

async function upload(
  context: RestoreContext,
  log: PartLog,
  file: BackupFile,
  endpoint: string,
  field: string,
  contentType: string,
): Promise<void> {
  context.record({ part: 'settings', method: 'POST', endpoint: `/${endpoint}`, file: file.path, size: file.size })
  if (context.dryRun) return
  try {
    const body = multipartBody([
      {
        field,
        fileName: path.posix.basename(file.path),
        contentType,
        content: { filePath: file.absolute, size: file.size },
      },
    ])
    await readBody(`POST /${endpoint}`, await context.client.send('POST', endpoint, body))
    log.done(`Uploaded ${file.path}.`)
  } catch (error) {
    if (!(error instanceof GhostApiError)) throw error
    log.missed(`Ghost refused ${file.path}: ${error.message}`)
  }
}
