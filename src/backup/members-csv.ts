import { createReadStream } from 'node:fs'
import { UnexpectedResponseError } from '../ghost/errors.js'

const QUOTE = 0x22
const NEWLINE = 0x0a

/**
 * Counts the members in Ghost's CSV export without loading it: records are counted by
 * newlines outside quotes (notes and labels may hold commas and line breaks). A file
 * that is not Ghost's CSV is refused; one that ends inside a quoted field was cut short.
 */
export async function countCsvRecords(file: string): Promise<number> {
  let inQuotes = false
  let records = 0
  let lastByte = NEWLINE
  let header = ''
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    if (records === 0 && header.length < 4096) header += chunk.subarray(0, 4096).toString('utf8')
    for (const byte of chunk) {
      if (byte === QUOTE) inQuotes = !inQuotes
      else if (byte === NEWLINE && !inQuotes) records++
    }
    if (chunk.length > 0) lastByte = chunk[chunk.length - 1]!
  }
  // Ghost answers a site without members with an empty body, not even a header line.
  if (header === '') return 0
  const columns = header.split(/\r?\n/, 1)[0]!.split(',')
  if (!columns.includes('email')) {
    throw new UnexpectedResponseError(
      `The members export is not Ghost's members CSV (its first line is '${columns.join(',').slice(0, 80)}').`,
    )
  }
  if (inQuotes)
    throw new UnexpectedResponseError('The members export ends inside a quoted field: it was cut short.', true)
  // The header is a record too; a last line without a newline still counts.
  const total = records + (lastByte === NEWLINE ? 0 : 1)
  return Math.max(0, total - 1)
}
