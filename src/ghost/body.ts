import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
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

/** Reads a whole (small) body, refusing one cut short. */
export async function readBody(what: string, response: HttpResponse): Promise<Buffer> {
  const chunks: Buffer[] = []
  try {
    for await (const chunk of response.body) chunks.push(chunk as Buffer)
  } catch (error) {
    throw new UnexpectedResponseError(
      `${what}: the connection broke while reading the response (${(error as Error).message}).`,
      true,
    )
  }
  const body = Buffer.concat(chunks)
  checkLength(what, response, body.length)
  return body
}

/** What came back, in words, for an error message: "an HTML page titled 'Maintenance'". */
export function describeBody(response: HttpResponse, body: Buffer): string {
  const type = String(response.headers['content-type'] ?? 'no content type').split(';')[0]
  const text = body.subarray(0, 4096).toString('utf8')
  if (/<html|<!doctype html/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim()
    return `an HTML page${title ? ` titled '${title.slice(0, 80)}'` : ''} (HTTP ${response.status}, ${type})`
  }
  return `${body.length} bytes of ${type} (HTTP ${response.status})`
}

/** Reads and parses a JSON body; an HTML page or broken JSON is named in the error. */
export async function readJson<T>(what: string, response: HttpResponse): Promise<T> {
  const body = await readBody(what, response)
  try {
    return JSON.parse(body.toString('utf8')) as T
  } catch {
    throw new UnexpectedResponseError(`${what}: expected JSON from Ghost but got ${describeBody(response, body)}.`)
  }
}

/** Streams a body into a file, hashing it on the way, and refuses one cut short. */
export async function saveBody(what: string, response: HttpResponse, file: string): Promise<SavedBody> {
  const hash = createHash('sha256')
  let size = 0
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      size += chunk.length
      done(null, chunk)
    },
  })
  try {
    await pipeline(response.body, measure, createWriteStream(file))
  } catch (error) {
    throw new UnexpectedResponseError(`${what}: the download broke off (${(error as Error).message}).`, true)
  }
  checkLength(what, response, size)
  return { size, sha256: hash.digest('hex') }
}
