import { readFile } from 'node:fs/promises'
import type { GhostExport } from '../backup/content-export.js'
import { CONTENT_FILE } from '../backup/layout.js'
import { backupFile, hasPart, partFileReadable, type VerifyContext } from './context.js'

/**
 * Tables every Ghost export holds and the importer reads: without them a restore brings
 * back no posts, no tags, no staff or no site settings.
 */
const REQUIRED_TABLES = ['posts', 'tags', 'users', 'settings']

/**
 * Checks `data/content.json` is Ghost's export, whole, and as many posts and pages as the
 * manifest counts. Returns the export for the reference check when it is sound.
 */
export async function checkContent(context: VerifyContext): Promise<GhostExport | undefined> {
  if (!hasPart(context, 'content') || !partFileReadable(context, 'content', CONTENT_FILE)) return undefined
  const report = (kind: string, text: string) => context.problems.add(kind, CONTENT_FILE, text)
  // JSON has to be parsed whole; Ghost builds the export in memory too, so it fits.
  const text = await readFile(backupFile(context, CONTENT_FILE), 'utf8')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    report('content', notJson(text))
    return undefined
  }
  const db = (parsed as GhostExport | null)?.db
  const first = Array.isArray(db) ? db[0] : undefined
  if (typeof first !== 'object' || first === null) {
    report('content', "JSON, but not Ghost's export (it has no db[0])")
    return undefined
  }
  const version = first.meta?.version
  if (typeof version !== 'string')
    report('content', "lacks db[0].meta.version, without which Ghost's importer refuses it")
  else if (!/^\d+\.\d+\.\d+/.test(version)) {
    report('content', `db[0].meta.version '${version}' is not a Ghost version, so Ghost's importer refuses it`)
  }
  const data = typeof first.data === 'object' && first.data !== null ? first.data : {}
  const lacking = REQUIRED_TABLES.filter((table) => !Array.isArray(data[table]))
  if (lacking.length > 0) report('content', `lacks the tables Ghost's importer reads: ${lacking.join(', ')}`)
  const broken = Object.keys(data).filter((table) => !lacking.includes(table) && !Array.isArray(data[table]))
  if (broken.length > 0) report('content', `tables that are not lists of rows: ${broken.join(', ')}`)
  if (!Array.isArray(data.posts)) return undefined

  const pages = data.posts.filter((post) => post?.type === 'page').length
  const counted = { posts: data.posts.length - pages, pages }
  for (const [what, holds] of Object.entries(counted)) {
    const expected = context.manifest.counts[what]
    if (typeof expected === 'number' && expected !== holds) {
      report('content-count', `holds ${holds} ${what}, but the manifest counts ${expected}`)
    }
  }
  return parsed as GhostExport
}

/** Says what the file is instead, when that can be told: an error page, a cut-off export. */
function notJson(text: string): string {
  const start = text.trimStart().slice(0, 200)
  if (start === '') return 'empty'
  if (/^<(!doctype|html|head|body)/i.test(start)) {
    return "an HTML page, not Ghost's export (an error page was saved in its place)"
  }
  if (start.startsWith('{') && !text.trimEnd().endsWith('}')) return 'not valid JSON: it stops part-way (cut short)'
  return 'not valid JSON (damaged)'
}
