import { type ExportFacts, readExportFacts } from '../backup/content-export.js'
import { ExportReadError } from '../backup/export-reader.js'
import type { FoundReferences } from '../backup/files/references.js'
import { CONTENT_FILE } from '../backup/layout.js'
import type { ReadExport } from '../backup/parts/content.js'
import { fileStart } from '../util/file-start.js'
import { backupFile, hasPart, partFileReadable, type VerifyContext } from './context.js'
import { referenceFinder } from './check-references.js'

/**
 * Tables every Ghost export holds and the importer reads: without them a restore brings
 * back no posts, no tags, no staff or no site settings.
 */
const REQUIRED_TABLES = ['posts', 'tags', 'users', 'settings']

/**
 * Checks `data/content.json` is Ghost's export, whole, and as many posts and pages as the
 * manifest counts. Returns the files it references, for the reference check, when it is
 * sound.
 * @param known the export as the backup read it while writing it, instead of reading it again
 */
export async function checkContent(context: VerifyContext, known?: ReadExport): Promise<FoundReferences | undefined> {
  if (!hasPart(context, 'content') || !partFileReadable(context, 'content', CONTENT_FILE)) return undefined
  const report = (kind: string, text: string) => context.problems.add(kind, CONTENT_FILE, text)
  const read = known ?? (await readContent(context, report))
  if (!read) return undefined
  const { version, tables, counts } = read.facts
  if (version === undefined) report('content', "lacks db[0].meta.version, without which Ghost's importer refuses it")
  else if (!/^\d+\.\d+\.\d+/.test(version)) {
    report('content', `db[0].meta.version '${version}' is not a Ghost version, so Ghost's importer refuses it`)
  }
  const lacking = REQUIRED_TABLES.filter((table) => !tables.has(table))
  if (lacking.length > 0) report('content', `lacks the tables Ghost's importer reads: ${lacking.join(', ')}`)
  const broken = [...tables].filter(([, isList]) => !isList).map(([table]) => table)
  if (broken.length > 0) report('content', `tables that are not lists of rows: ${broken.join(', ')}`)
  if (!tables.get('posts')) return undefined

  for (const what of ['posts', 'pages'] as const) {
    const expected = context.manifest.counts[what]
    if (typeof expected === 'number' && expected !== counts[what]) {
      report('content-count', `holds ${counts[what]} ${what}, but the manifest counts ${expected}`)
    }
  }
  return read.references
}

/** Reads the export from the folder a row at a time, finding references as the backup did. */
async function readContent(
  context: VerifyContext,
  report: (kind: string, text: string) => void,
): Promise<ReadExport | undefined> {
  const file = backupFile(context, CONTENT_FILE)
  const finder = referenceFinder(context.manifest)
  let facts: ExportFacts
  try {
    facts = await readExportFacts(file, (_table, row) => finder.scan(row))
  } catch (error) {
    if (!(error instanceof ExportReadError)) throw error
    report('content', await whatItIs(error, file))
    return undefined
  }
  return { facts, references: finder.found }
}

/** Says what the file is instead, when that can be told: an error page, a cut-off export. */
async function whatItIs(error: ExportReadError, file: string): Promise<string> {
  if (error.problem === 'cut-short') return 'not valid JSON: it stops part-way (cut short)'
  if (error.problem === 'shape') return `JSON, but not Ghost's export (${error.message})`
  const start = (await fileStart(file, 200)).toString('utf8').trimStart()
  if (start === '') return 'empty'
  if (/^<(!doctype|html|head|body)/i.test(start)) {
    return "an HTML page, not Ghost's export (an error page was saved in its place)"
  }
  return 'not valid JSON (damaged)'
}
