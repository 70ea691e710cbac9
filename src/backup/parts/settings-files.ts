import * as path from 'node:path'
import { downloadRedirects, downloadRoutes, ROUTES_FILE } from '../../ghost/exports/site-files.js'
import { SETTINGS_FOLDER } from '../layout.js'
import type { PartContext, PartResult } from './part.js'

/** `settings/routes.yaml` and `settings/redirects.{json,yaml}`, as Ghost Admin downloads them. */
export async function backupSettingsFiles(context: PartContext): Promise<PartResult> {
  const { client, folder, logger } = context
  const routesPath = `${SETTINGS_FOLDER}/${ROUTES_FILE}`
  const routes = await downloadRoutes(client, await folder.file(routesPath))
  const redirects = await downloadRedirects(client, path.dirname(await folder.file(routesPath)))
  logger.info(`Settings: ${ROUTES_FILE} (${routes.size} bytes), ${redirects.name} (${redirects.size} bytes).`)
  return {
    files: [
      { path: routesPath, size: routes.size, sha256: routes.sha256, source: client.url('settings/routes/yaml/').href },
      {
        path: `${SETTINGS_FOLDER}/${redirects.name}`,
        size: redirects.size,
        sha256: redirects.sha256,
        source: client.url('redirects/download/').href,
      },
    ],
    counts: {},
  }
}
