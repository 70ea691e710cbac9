import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
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
const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d]

/**
 * Refuses a saved JSON object or array whose brackets never close: one cut short. Scans in
 * flat memory, however large the file. Anything that does not start like JSON is let
 * through, for the caller's own check to name what it is.
 */
export async function assertJsonEnds(what: string, file: string): Promise<void> {
  let depth = 0
  let started = false
  let inString = false
  let escaped = false
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    if (!started) {
      const first = chunk.toString('latin1').trimStart()
      if (first === '') continue
      if (!JSON_START.test(first)) return
      started = true
    }
    for (const byte of chunk) {
      if (inString) {
        if (escaped) escaped = false
        else if (byte === BACKSLASH) escaped = true
        else if (byte === QUOTE) inString = false
      } else if (byte === QUOTE) inString = true
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--
    }
  }
  if (started && (depth > 0 || inString)) {
    throw new UnexpectedResponseError(`${what}: the JSON from Ghost ends early; the connection was cut.`, true)
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
    throw brokeOff(what, response, size, error)
  }
  checkLength(what, response, size)
  return { size, sha256: hash.digest('hex') }
}
