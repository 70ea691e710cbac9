import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import { Readable } from 'node:stream'
import { HttpClient } from '@actions/http-client'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  /** The body, not yet read: consume it or call `body.resume()`. */
  body: Readable
}

/** The one way the Ghost client reaches the network; tests hand in their own. */
export interface HttpTransport {
  request(
    method: string,
    url: URL,
    headers?: OutgoingHttpHeaders,
    body?: string | Buffer | Readable,
  ): Promise<HttpResponse>
}

export interface HttpTransportOptions {
  /** How long a socket may stay silent before the request fails. */
  timeoutMs: number
}

/**
 * Transport over @actions/http-client, so runner proxy settings apply. Redirects are
 * never followed here: the Ghost client decides, because following one could carry
 * credentials to another host or turn a POST into a GET.
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const client = new HttpClient(`${TOOL_NAME}/${TOOL_VERSION}`, [], {
    allowRedirects: false,
    allowRetries: false,
    socketTimeout: options.timeoutMs,
    keepAlive: true,
  })
  const seconds = options.timeoutMs / 1000
  return {
    async request(method, url, headers = {}, body) {
      const data = Buffer.isBuffer(body) ? Readable.from([body]) : (body ?? null)
      const response = await client.request(method, url.href, data, headers).catch((error: Error) => {
        if (!/^Request timeout/.test(error.message)) throw error
        throw timeoutError(`no answer from ${url.host} within ${seconds} s ('request-timeout')`)
      })
      const message = response.message
      // http-client's socket time-out only covers the wait for the head: once it answered,
      // a body that stops halfway (a dead link, a hung proxy) would wait for TCP to give
      // up, many minutes later. Silence in the body counts against 'request-timeout' too.
      message.setTimeout(options.timeoutMs, () =>
        message.destroy(timeoutError(`no data from ${url.host} for ${seconds} s ('request-timeout')`)),
      )
      return { status: message.statusCode ?? 0, headers: message.headers, body: message }
    },
  }
}

/** A time-out, with the code the retry helper knows as temporary. */
function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ETIMEDOUT' })
}
