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
  return {
    async request(method, url, headers = {}, body) {
      const data = Buffer.isBuffer(body) ? Readable.from([body]) : (body ?? null)
      const response = await client.request(method, url.href, data, headers)
      return {
        status: response.message.statusCode ?? 0,
        headers: response.message.headers,
        body: response.message,
      }
    },
  }
}
