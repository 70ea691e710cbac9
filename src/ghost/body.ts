import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import type { HttpResponse } from './http.js'
import { UnexpectedResponseError } from './errors.js'

export interface SavedBody {
  size: number
  sha256: string
}

function declaredLength(response: HttpResponse): number | undefined {
  const header = response.headers['content-length']
  return header === undefined ? undefined : Number(header)
}

function checkLength(what: string, response: HttpResponse, received: number): void {
  const expected = declaredLength(response)
  if (expected !== undefined && expected !== received) {
    throw new UnexpectedResponseError(
      `${what}: the response ended after ${received} of ${expected} bytes. The connection was cut.`,
      true,
    )
  }
}

/** A body that stopped coming: how far it got, and why the stream says it stopped. */
function brokeOff(what: string, response: HttpResponse, received: number, error: unknown): UnexpectedResponseError {
  const expected = declaredLength(response)
  const of = expected === undefined ? '' : ` of ${expected}`
  const reason = (error as Error).message
  return new UnexpectedResponseError(`${what}: the download broke off after ${received}${of} bytes (${reason}).`, true)
}

/** Reads a whole (small) body, refusing one cut short. */
export async function readBody(what: string, response: HttpResponse): Promise<Buffer> {
  const chunks: Buffer[] = []
  try {
    for await (const chunk of response.body) chunks.push(chunk as Buffer)
  } catch (error) {
    const received = chunks.reduce((sum, chunk) => sum + chunk.length, 0)
    throw brokeOff(what, response, received, error)
  }
  const body = Buffer.concat(chunks)
  checkLength(what, response, body.length)
  return body
}

/**
 * What came back, in words, for an error message: "an HTML page titled 'Maintenance'".
 * @param size the whole body's size, when `body` holds only its start
 */
export function describeBody(
  response: Pick<HttpResponse, 'status' | 'headers'>,
  body: Buffer,
  size: number = body.length,
): string {
  const type = String(response.headers['content-type'] ?? 'no content type').split(';')[0]
  const text = body.subarray(0, 4096).toString('utf8')
  if (/<html|<!doctype html/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim()
    return `an HTML page${title ? ` titled '${title.slice(0, 80)}'` : ''} (HTTP ${response.status}, ${type})`
  }
  return `${size} bytes of ${type} (HTTP ${response.status})`
}

/**
 * Reads and parses a JSON body; an HTML page or broken JSON is named in the error. JSON
 * that starts well but does not parse was cut short where no Content-Length could tell
 * (a body ended by closing the connection): that is worth another attempt.
 */
export async function readJson<T>(what: string, response: HttpResponse): Promise<T> {
  const body = await readBody(what, response)
  const text = body.toString('utf8')
  try {
    return JSON.parse(text) as T
  } catch {
    if (JSON_START.test(text)) {
      throw new UnexpectedResponseError(`${what}: the JSON from Ghost ends early, after ${body.length} bytes.`, true)
    }
    throw new UnexpectedResponseError(`${what}: expected JSON from Ghost but got ${describeBody(response, body)}.`)
  }
}

const JSON_START = /^\s*[[{]/
/** Bytes gathered before each write: one system call instead of one per network chunk. */
const WRITE_BATCH = 256 * 1024

/** Streams a body into a file, hashing it on the way, and refuses one cut short. */
export async function saveBody(what: string, response: HttpResponse, file: string): Promise<SavedBody> {
  const hash = createHash('sha256')
  let size = 0
  const handle = await open(file, 'w')
  try {
    let batch: Buffer[] = []
    let batched = 0
    const flush = async () => {
      await handle.writev(batch)
      batch = []
      batched = 0
    }
    try {
      // Awaiting each write before reading on keeps the socket paused while the disk catches up.
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        hash.update(chunk)
        size += chunk.length
        batch.push(chunk)
        batched += chunk.length
        if (batched >= WRITE_BATCH) await flush()
      }
    } catch (error) {
      throw brokeOff(what, response, size, error)
    }
    if (batched > 0) await flush()
  } finally {
    await handle.close()
  }
  checkLength(what, response, size)
  return { size, sha256: hash.digest('hex') }
}
