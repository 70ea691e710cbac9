import type { OutgoingHttpHeaders } from 'node:http'
import type { Logger } from '../util/logger.js'
import { type RetryPolicy, withRetries } from '../util/retry.js'
import { readBody, saveBody } from './body.js'
import { ghostApiError } from './errors.js'
import type { HttpResponse, HttpTransport } from './http.js'
import { classifyTemporary, parseRetryAfter } from './temporary.js'

/** What the server said when last asked, to ask "has it changed?" next time. */
export interface Validators {
  etag?: string
  lastModified?: string
}

export type FetchedFile =
  | ({ status: 'saved'; size: number; sha256: string } & Validators)
  | { status: 'not-modified' }
  | { status: 'missing'; httpStatus: number }

const MAX_REDIRECTS = 5

/**
 * Downloads one public file (an image, media file or attachment) into `file`. No
 * credentials are sent, so redirects (a CDN, https) are followed. A 4xx means the
 * file is gone, not that the backup failed; 5xx, resets and time-outs are retried.
 */
export function fetchPublicFile(
  transport: HttpTransport,
  url: URL,
  file: string,
  retry: RetryPolicy,
  logger: Logger,
  previous?: Validators,
): Promise<FetchedFile> {
  return withRetries(
    `GET ${url.pathname}`,
    async () => {
      const response = await follow(transport, url, conditionalHeaders(previous))
      if (response.status === 304 && previous) {
        response.body.resume()
        return { status: 'not-modified' }
      }
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        response.body.resume()
        return { status: 'missing', httpStatus: response.status }
      }
      if (response.status < 200 || response.status >= 300) {
        const body = await readBody(`GET ${url.pathname}`, response).catch(() => Buffer.alloc(0))
        const retryAfter = parseRetryAfter(response.headers['retry-after'] as string | undefined)
        throw ghostApiError(`GET ${url.pathname}`, response.status, body.toString('utf8'), retryAfter)
      }
      const saved = await saveBody(`GET ${url.pathname}`, response, file)
      return {
        status: 'saved',
        ...saved,
        etag: response.headers.etag,
        lastModified: response.headers['last-modified'],
      }
    },
    classifyTemporary,
    retry,
    logger,
  )
}

function conditionalHeaders(previous: Validators | undefined): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {}
  if (previous?.etag) headers['If-None-Match'] = previous.etag
  if (previous?.lastModified) headers['If-Modified-Since'] = previous.lastModified
  return headers
}

async function follow(transport: HttpTransport, url: URL, headers: OutgoingHttpHeaders): Promise<HttpResponse> {
  let current = url
  for (let hop = 0; ; hop++) {
    const response = await transport.request('GET', current, headers)
    const location = response.headers.location
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return response
    response.body.resume()
    if (hop >= MAX_REDIRECTS) throw new Error(`GET ${url.pathname}: more than ${MAX_REDIRECTS} redirects.`)
    current = new URL(location, current)
  }
}
