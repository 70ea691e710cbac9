import { checkDownloadedExport } from '../backup/content-export.js'
import { readBody } from '../ghost/body.js'
import { compareContent, type ContentRows, takeSnapshot } from './content-check.js'
import type { PartLog, RestoreContext } from './context.js'
import { multipartBody } from './multipart.js'
import { pollUntil } from './poll.js'
import { FRESH_INSTALL, peek, total } from './site-state.js'

/**
 * `data/content.json` through `POST /db/` (field `importfile`), on its own. Not in a zip
 * with the images: Ghost 6's files importer also takes every image (its list has png,
 * jpg...) and, when the zip carries content too, rewrites the posts' feature images and
 * html to point at its own copies under /content/files/images/ (import-manager.js runs
 * every content-file importer's preProcess over the posts). The JSON alone leaves every
 * `__GHOST_URL__/content/...` reference as it was; the files follow in their own zips.
 */
export async function restoreContent(context: RestoreContext, log: PartLog): Promise<void> {
  const { client, deps, source } = context
  const file = source.content!
  const rows: ContentRows = { posts: [], tags: [], users: [], settings: [] }
  await checkDownloadedExport(file.absolute, (table, row) => {
    if (Object.hasOwn(rows, table)) rows[table as keyof ContentRows].push(row)
  })
  if (context.fresh) await removeSampleContent(context, log, rows)

  const before = await takeSnapshot(client)
  context.record({ part: 'content', method: 'POST', endpoint: '/db/', file: file.path, size: file.size })
  if (context.dryRun) {
    const pages = rows.posts.filter((post) => post.type === 'page').length
    return void log.done(
      `Would import ${rows.posts.length - pages} posts, ${pages} pages, ${rows.tags.length} tags and ${rows.users.length} staff users.`,
    )
  }

  deps.logger.info(`Sending ${file.path} to Ghost's importer (POST /db/)...`)
  const body = multipartBody([
    {
      field: 'importfile',
      fileName: 'content.json',
      contentType: 'application/json',
      content: { filePath: file.absolute, size: file.size },
    },
  ])
  await readBody('POST /db/', await client.send('POST', 'db/', body))

  // Ghost drops posts whose slug repeats within the file (posts-importer.js) and imports
  // the rest in one transaction: the totals jump once, by exactly this much, or never.
  const slugs = new Set<string>()
  const expectedNew = rows.posts.filter((post) => {
    const slug = typeof post.slug === 'string' ? post.slug : undefined
    if (slug && slugs.has(slug)) return false
    if (slug) slugs.add(slug)
    return true
  }).length
  const expected = before.posts.length + before.pages.length + expectedNew
  let seen = before.posts.length + before.pages.length
  const finished = await pollUntil(deps, context.importTimeoutMs, async () => {
    seen = (await total(client, 'posts')) + (await total(client, 'pages'))
    return seen >= expected ? true : undefined
  })
  if (!finished) {
    throw new Error(
      `Ghost had not imported the content after ${Math.round(context.importTimeoutMs / 1000)} s: the site has ${seen} posts and pages, ${expected} were expected. Ghost imports in the background and emails the outcome to the user whose token was used; its log names the reason ('site-content-import failed'). Nothing after the content was restored.`,
    )
  }
  deps.logger.info(`Ghost imported the content (${expectedNew} posts and pages).`)
  await compareContent(context, log, rows, before)
}

/**
 * On a fresh site, Ghost's sample post, page and tag go first: the backup's own
 * `coming-soon` and `about` would otherwise come back as `coming-soon-2` and `about-2`
 * (Ghost makes a taken slug unique), and its `news` tag would be skipped for the sample's.
 */
async function removeSampleContent(context: RestoreContext, log: PartLog, rows: ContentRows): Promise<void> {
  const removed: string[] = []
  const samples = [
    ['posts', FRESH_INSTALL.posts[0]],
    ['pages', FRESH_INSTALL.pages[0]],
    ['tags', FRESH_INSTALL.tags[0]],
  ] as const
  for (const [resource, slug] of samples) {
    const sample = (await peek(context.client, resource, 'id,slug')).rows.find((row) => row.slug === slug)
    if (!sample) continue
    context.record({ part: 'content', method: 'DELETE', endpoint: `/${resource}/${sample.id}/`, file: slug, size: 0 })
    if (!context.dryRun) await context.client.sendJson('DELETE', `${resource}/${sample.id}/`)
    removed.push(`${resource.slice(0, -1)} '${slug}'`)
  }
  if (removed.length === 0) return
  const kept = rows.posts.some((post) => post.slug === 'coming-soon' || post.slug === 'about')
  log.done(
    `${context.dryRun ? 'Would remove' : 'Removed'} Ghost's sample content (${removed.join(', ')}) from the fresh site${kept ? ', so the backup brings back its own copies under the same slugs' : ''}.`,
  )
}
