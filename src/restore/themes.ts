import { readJson } from '../ghost/body.js'
import { GhostApiError } from '../ghost/errors.js'
import { BUNDLED_THEMES } from '../ghost/exports/themes.js'
import type { PartLog, RestoreContext } from './context.js'
import { multipartBody } from './multipart.js'

interface UploadedTheme {
  themes?: { name?: string; errors?: unknown[]; warnings?: unknown[] }[]
}

/**
 * Each `themes/<name>.zip` through `POST /themes/upload/` (field `file`; Ghost names the
 * theme after the zip, services/themes/storage.js), then `PUT /themes/<active>/activate/`
 * for the theme the manifest records as active. Ghost refuses uploads named casper.zip
 * or source.zip ("overrideDefaultTheme"): those come with every Ghost, so the target's own
 * copy is activated instead.
 */
export async function restoreThemes(context: RestoreContext, log: PartLog): Promise<void> {
  const { client, source } = context
  const uploaded = new Set<string>()
  for (const theme of source.themes) {
    if (BUNDLED_THEMES.has(theme.name)) {
      log.done(
        `${theme.path} is Ghost's own ${theme.name}: the copy that comes with Ghost ${context.site.version} is used.`,
      )
      continue
    }
    context.record({ part: 'themes', method: 'POST', endpoint: '/themes/upload/', file: theme.path, size: theme.size })
    if (context.dryRun) continue
    context.deps.logger.info(`Uploading theme ${theme.name} (POST /themes/upload/)...`)
    try {
      const body = multipartBody([
        {
          field: 'file',
          fileName: `${theme.name}.zip`,
          contentType: 'application/zip',
          content: { filePath: theme.absolute, size: theme.size },
        },
      ])
      const answer = await readJson<UploadedTheme>(
        'POST /themes/upload/',
        await client.send('POST', 'themes/upload/', body),
      )
      const warnings = answer.themes?.[0]?.warnings?.length ?? 0
      log.done(
        `Uploaded the theme ${theme.name}${warnings > 0 ? ` (Ghost's theme check gave ${warnings} warnings)` : ''}.`,
      )
      uploaded.add(theme.name)
    } catch (error) {
      if (!(error instanceof GhostApiError)) throw error
      log.missed(`Ghost refused the theme ${theme.name}: ${error.message}`)
    }
  }

  const active = source.manifest?.activeTheme
  if (!active) return void log.missed('The backup does not record which theme was active, so none was activated.')
  if (!BUNDLED_THEMES.has(active) && !uploaded.has(active) && !context.dryRun) {
    return void log.missed(
      `The active theme ${active} is not in the backup (or Ghost refused it), so it was not activated.`,
    )
  }
  context.record({ part: 'themes', method: 'PUT', endpoint: `/themes/${active}/activate/`, file: active, size: 0 })
  if (context.dryRun) return
  try {
    await client.sendJson('PUT', `themes/${encodeURIComponent(active)}/activate/`)
    log.done(`Activated the theme ${active}, as on the site the backup came from.`)
  } catch (error) {
    if (!(error instanceof GhostApiError)) throw error
    log.missed(`Ghost did not activate the theme ${active}: ${error.message}`)
  }
}
