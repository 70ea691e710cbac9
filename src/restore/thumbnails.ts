import * as path from 'node:path'
import { readBody } from '../ghost/body.js'
import { GhostApiError } from '../ghost/errors.js'
import type { PartLog, RestoreContext } from './context.js'
import { multipartBody } from './multipart.js'
import { imageContentType } from './placement.js'
import { type CheckedFile, servedState } from './site-file-check.js'

/**
 * Images under media/ (the thumbnails Ghost keeps beside videos, `<video>_thumb.jpg`)
 * cannot travel in a zip: the importer's media handler ignores images and its image
 * handler would store them under content/images/media/. `PUT /media/thumbnail/upload/`
 * (api/endpoints/media.js) stores the uploaded file under its own name in the folder of
 * the media `url` it is given, first deleting a file of that name: the same path every
 * time, so the request is safe to repeat.
 */
export async function restoreThumbnails(
  context: RestoreContext,
  log: PartLog | undefined,
  files: readonly CheckedFile[],
): Promise<void> {
  if (!log || files.length === 0) return
  let restored = 0
  for (const file of files) {
    context.record({
      part: 'media',
      method: 'PUT',
      endpoint: '/media/thumbnail/upload/',
      file: file.path,
      size: file.size,
    })
    if (context.dryRun) continue
    // Ghost only takes the folder from this address; the name is the uploaded file's.
    const url = `${context.site.url.href}content/media/${file.contentPath}`
    try {
      const body = multipartBody([
        { field: 'url', content: url },
        {
          field: 'file',
          fileName: path.posix.basename(file.contentPath),
          contentType: imageContentType(file.path),
          content: { filePath: file.absolute, size: file.size },
        },
      ])
      await readBody('PUT /media/thumbnail/upload/', await context.client.send('PUT', 'media/thumbnail/upload/', body))
    } catch (error) {
      if (!(error instanceof GhostApiError)) throw error
      log.missed(`${file.path} was not restored: ${error.message}`)
      continue
    }
    if ((await servedState(context, file)) === 'same') restored++
    else log.missed(`${file.path} is not served with the backup's bytes after the upload (Ghost cleans SVG uploads).`)
  }
  if (restored > 0) log.done(`Put back ${restored} video thumbnails beside their videos.`)
}
