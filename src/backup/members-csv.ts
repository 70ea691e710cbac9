import { createReadStream } from 'node:fs'
import { UnexpectedResponseError } from '../ghost/errors.js'
import { CsvScanner } from '../util/csv-scanner.js'

/**
 * Counts the members in Ghost's CSV export and checks it is whole, in one streamed pass
 * (notes and labels may hold commas, quotes and line breaks), with the scanner verify
 * uses, so both agree on what a record is. A file that is not Ghost's CSV is refused; one
 * that ends inside a quoted field, or inside its last line, was cut short.
 */
export async function countMembersCsv(file: string): Promise<number> {
  let header: string[] | undefined
  let lastFields = 0
  const scanner = new CsvScanner(
    (record) => {
      if (record.index === 0) header = record.values
      else lastFields = record.fields
    },
    () => {},
  )
  let empty = true
  for await (const text of createReadStream(file, { encoding: 'utf8' }) as AsyncIterable<string>) {
    empty &&= text === ''
    scanner.push(text)
  }
  const { records, endsInQuotes } = scanner.end()
  // Ghost answers a site without members with an empty body, not even a header line.
  if (empty) return 0
  const notGhosts = () =>
    new UnexpectedResponseError(
      `The members export is not Ghost's members CSV (its first line is '${(header ?? []).join(',').slice(0, 80)}').`,
    )
  if (header && !header.includes('email')) throw notGhosts()
  if (endsInQuotes) {
    throw new UnexpectedResponseError('The members export ends inside a quoted field: it was cut short.', true)
  }
  if (!header) throw notGhosts()
  // Ghost ends its CSV right after the last record's last field: a last record with fewer
  // fields than the header was cut inside its line, where no quote was left open.
  if (records > 1 && lastFields < header.length) {
    throw new UnexpectedResponseError(
      `The members export ends inside its last line (${lastFields} of ${header.length} fields): it was cut short.`,
      true,
    )
  }
  return records - 1
}
