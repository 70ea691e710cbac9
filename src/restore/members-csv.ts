import { createReadStream } from 'node:fs'
import { CsvScanner } from '../util/csv-scanner.js'

/** A members CSV cut into pieces Ghost imports while the request is open. */
export interface CsvChunk {
  /** The header and up to `rows` records, as CSV text. */
  text: string
  rows: number
  /** 1-based numbers of the first and last record in the whole file. */
  first: number
  last: number
}

export interface MembersCsv {
  chunks: CsvChunk[]
  rows: number
  /** Every label any member has. */
  labels: Set<string>
  /** Members whose Stripe customer id was left out. */
  stripeLinks: number
}

/**
 * Reads Ghost's members export and prepares it for `POST /members/upload/`:
 * - in pieces of `rowsPerChunk`: Ghost imports up to 500 rows inline and answers with
 *   what it imported and what it refused; more go to a background job that only emails
 *   the result (members-importer: `rows <= 500 && !hasStripeData`, Ghost 6's
 *   `members.importer.inlineThreshold`);
 * - without `stripe_customer_id` values: one such value sends the whole file to the
 *   background job, and on a site without that Stripe account every such row fails
 *   (the importer looks the customer up in Stripe), so the member would be lost.
 */
export async function readMembersCsv(file: string, rowsPerChunk = 500): Promise<MembersCsv> {
  const chunks: CsvChunk[] = []
  const labels = new Set<string>()
  let header: string[] | undefined
  let stripeColumn = -1
  let labelsColumn = -1
  let stripeLinks = 0
  let pending: string[] = []
  let rows = 0
  const flush = () => {
    if (pending.length === 0) return
    chunks.push({
      text: [toCsvLine(header!), ...pending].join('\n') + '\n',
      rows: pending.length,
      first: rows - pending.length + 1,
      last: rows,
    })
    pending = []
  }
  for await (const record of csvRecords(file)) {
    if (!header) {
      header = record.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name))
      stripeColumn = header.indexOf('stripe_customer_id')
      labelsColumn = header.indexOf('labels')
      if (!header.includes('email'))
        throw new Error(`The members CSV has no 'email' column; it is not Ghost's members export.`)
      continue
    }
    if (record.length === 1 && record[0] === '') continue
    if (stripeColumn >= 0 && record[stripeColumn]) {
      stripeLinks++
      record[stripeColumn] = ''
    }
    for (const label of (record[labelsColumn] ?? '').split(',')) if (label.trim()) labels.add(label.trim())
    rows++
    pending.push(toCsvLine(record))
    if (pending.length >= rowsPerChunk) flush()
  }
  flush()
  return { chunks, rows, labels, stripeLinks }
}

/**
 * RFC 4180 records, read as a stream (quoted fields may hold commas, quotes and line
 * breaks), split by the scanner verify uses.
 */
export async function* csvRecords(file: string): AsyncGenerator<string[]> {
  let ready: string[][] = []
  const scanner = new CsvScanner(
    (record) => ready.push(record.values!),
    () => {},
    true,
  )
  for await (const text of createReadStream(file, { encoding: 'utf8' }) as AsyncIterable<string>) {
    scanner.push(text)
    yield* ready
    ready = []
  }
  if (scanner.end().endsInQuotes)
    throw new Error('The members CSV ends inside a quoted field: the backup is cut short.')
  yield* ready
}

/** One CSV line, quoting only the fields that need it. */
export function toCsvLine(fields: readonly string[]): string {
  return fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',')
}
