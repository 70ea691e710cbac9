import { readFile } from 'node:fs/promises'
import { UnexpectedResponseError } from '../ghost/errors.js'

/** The parts of Ghost's export this tool reads. */
export interface GhostExport {
  db: {
    meta: { exported_on: number; version: string }
    data: Record<string, Record<string, unknown>[]>
  }[]
}

export interface ContentCounts {
  posts: number
  pages: number
  tags: number
  users: number
}

export interface CheckedExport {
  /** The full Ghost version the export was made by, e.g. "6.65.0". */
  ghostVersion: string
  counts: ContentCounts
  export: GhostExport
}

/**
 * Reads back the saved export and checks it has Ghost's shape, so a proxy's error page
 * or a truncated file is never mistaken for a backup.
 */
export async function checkContentExport(file: string): Promise<CheckedExport> {
  const text = await readFile(file, 'utf8')
  let parsed: GhostExport
  try {
    parsed = JSON.parse(text) as GhostExport
  } catch {
    const start = text.slice(0, 200).trim()
    const html = /<html|<!doctype/i.test(start)
    throw new UnexpectedResponseError(
      `Ghost's content export is not valid JSON (${html ? 'it is an HTML page' : `it starts with '${start.slice(0, 40)}'`}).`,
    )
  }
  const db = Array.isArray(parsed?.db) ? parsed.db[0] : undefined
  if (typeof db?.meta?.version !== 'string' || !Array.isArray(db?.data?.posts)) {
    throw new UnexpectedResponseError(
      "Ghost's content export does not have the expected shape (db[0].meta.version and db[0].data.posts).",
    )
  }
  const rows = (table: string) => (Array.isArray(db.data[table]) ? db.data[table] : [])
  const posts = rows('posts')
  return {
    ghostVersion: db.meta.version,
    export: parsed,
    counts: {
      posts: posts.filter((post) => post.type !== 'page').length,
      pages: posts.filter((post) => post.type === 'page').length,
      tags: rows('tags').length,
      users: rows('users').length,
    },
  }
}
