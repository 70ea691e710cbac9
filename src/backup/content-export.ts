import { readFile } from 'node:fs/promises'
import { UnexpectedResponseError } from '../ghost/errors.js'
import { fileStart } from '../util/file-start.js'
import { ExportReadError, readExport } from './export-reader.js'

export interface ContentCounts {
  posts: number
  pages: number
  tags: number
  users: number
}

/** What one pass over Ghost's export learns: enough to back it up, check it and restore it. */
export interface ExportFacts {
  /** db[0].meta.version, e.g. "6.65.0", when it is a string. */
  version?: string
  /** Each table of db[0].data, and whether it is a list of rows. */
  tables: Map<string, boolean>
  counts: ContentCounts
}

/**
 * Reads an export a row at a time, handing every row to `onRow`: memory holds the file
 * and one row, never the whole export parsed. Throws ExportReadError for a file that is
 * not JSON, is cut short, or is not shaped like Ghost's export.
 */
export async function readExportFacts(
  file: string,
  onRow?: (table: string, row: Record<string, unknown>) => void,
): Promise<ExportFacts> {
  const facts: ExportFacts = { tables: new Map(), counts: { posts: 0, pages: 0, tags: 0, users: 0 } }
  const { counts } = facts
  readExport(await readFile(file), {
    meta(meta) {
      const version = (meta as { version?: unknown } | null)?.version
      if (typeof version === 'string') facts.version = version
    },
    table: (name, isList) => facts.tables.set(name, isList),
    row(table, value) {
      const row = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
      if (table === 'posts') counts[row.type === 'page' ? 'pages' : 'posts']++
      else if (table === 'tags' || table === 'users') counts[table]++
      onRow?.(table, row)
    },
  })
  return facts
}

/**
 * Reads the export just downloaded and checks it has Ghost's shape, so a proxy's error
 * page or a truncated file is never mistaken for a backup. A cut-short file is worth
 * downloading again; anything else is a wrong answer.
 */
export async function checkDownloadedExport(
  file: string,
  onRow?: (table: string, row: Record<string, unknown>) => void,
): Promise<ExportFacts & { version: string }> {
  let facts: ExportFacts
  try {
    facts = await readExportFacts(file, onRow)
  } catch (error) {
    if (!(error instanceof ExportReadError)) throw error
    if (error.problem === 'cut-short') {
      throw new UnexpectedResponseError("Ghost's content export ends early; the connection was cut.", true)
    }
    if (error.problem === 'not-json') {
      const start = (await fileStart(file, 200)).toString('utf8').trim()
      const what = /<html|<!doctype/i.test(start) ? 'it is an HTML page' : `it starts with '${start.slice(0, 40)}'`
      throw new UnexpectedResponseError(`Ghost's content export is not valid JSON (${what}).`)
    }
    throw new UnexpectedResponseError(`Ghost's content export does not have the expected shape (${error.message}).`)
  }
  const { version } = facts
  if (version === undefined || facts.tables.get('posts') !== true) {
    throw new UnexpectedResponseError(
      "Ghost's content export does not have the expected shape (db[0].meta.version and db[0].data.posts).",
    )
  }
  return { ...facts, version }
}
