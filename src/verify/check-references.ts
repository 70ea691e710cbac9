import { type FoundReferences, ReferenceFinder } from '../backup/files/references.js'
import { CONTENT_FILE } from '../backup/layout.js'
import type { Manifest } from '../backup/manifest.js'
import { FILE_PARTS } from '../settings/parts.js'
import { hasPart, type VerifyContext } from './context.js'

/** Finds references the way the backup found them, so both agree on what a reference is. */
export function referenceFinder(manifest: Manifest): ReferenceFinder {
  return new ReferenceFinder(new URL(manifest.site.url), [new URL(manifest.site.adminUrl)])
}

/**
 * Every image, media file and file the content references must be in the backup or
 * accounted for in the manifest: missing on the server, on another host, or unsafe.
 * Returns how many references were looked up.
 */
export function checkReferences(found: FoundReferences, context: VerifyContext): number {
  const { manifest, problems } = context
  // Only the backup of a file part records externals and unsafe references.
  if (!FILE_PARTS.some((part) => hasPart(context, part))) return 0
  const siteUrl = new URL(manifest.site.url)
  const { files, external, unsafe } = found
  const missing = new Set(manifest.missing.map((file) => file.path))
  const accounted = (key: string) => context.listed.has(key) || context.present.has(key) || missing.has(key)
  let references = 0

  // In path order, like the file check: the content's order says nothing to a reader.
  const keys = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const [key, file] of keys) {
    // `_o` originals are absent on many sites; a part left out needs none of its files.
    if (file.optional || !hasPart(context, file.part)) continue
    references++
    if (!accounted(key)) {
      problems.add(
        'reference',
        key,
        `referenced by ${CONTENT_FILE} but neither in the backup nor listed as missing in the manifest`,
      )
    }
  }
  const listedExternal = new Set(manifest.external)
  for (const url of external) {
    references++
    if (listedExternal.has(url) || isAliasedSiteFile(url, siteUrl, context, accounted)) continue
    problems.add(
      'external',
      undefined,
      `${CONTENT_FILE} links ${url} on another host, but the manifest does not list it`,
    )
  }
  const listedUnsafe = new Set(manifest.unsafe)
  for (const reference of unsafe) {
    references++
    if (listedUnsafe.has(reference)) continue
    problems.add(
      'unsafe',
      undefined,
      `${CONTENT_FILE} references ${reference}, whose path would leave the backup folder, but the manifest does not list it as unsafe`,
    )
  }
  return references
}

/**
 * The backup also counted the URL the user typed as the site's (a `www.` alias, say),
 * which the manifest does not record: a link on such a host was saved as a site file.
 */
function isAliasedSiteFile(
  url: string,
  siteUrl: URL,
  context: VerifyContext,
  accounted: (key: string) => boolean,
): boolean {
  const alias = new ReferenceFinder(siteUrl, [new URL(url)])
  alias.scan(url)
  const [file] = [...alias.found.files.values()].filter((found) => !found.optional)
  return file !== undefined && (!hasPart(context, file.part) || accounted(`${file.part}/${file.path}`))
}
