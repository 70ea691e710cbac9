import type { OutgoingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import { adminApiRoot } from '../settings/site-url.js'
import type { Credentials, SiteAddress } from '../settings/settings.js'
import type { Logger } from '../util/logger.js'
import { type RetryPolicy, withRetries } from '../util/retry.js'
import { type Authenticator, createAuthenticator } from './auth.js'
import { describeBody, readBody, readJson, type SavedBody, saveBody } from './body.js'
import { ghostApiError, RedirectError, UnexpectedResponseError } from './errors.js'
import { credentialRejected } from './login-error.js'
import type { HttpResponse, HttpTransport } from './http.js'
import { classifyTemporary, parseRetryAfter } from './temporary.js'

export interface GhostClientOptions {
  address: SiteAddress
  credentials: Credentials
  transport: HttpTransport
  retry: RetryPolicy
  logger: Logger
}

export interface SavedResponse extends SavedBody {
  status: number
  headers: HttpResponse['headers']
}

/**
 * Checks a saved download is whole (a zip opens, a CSV ends cleanly). Throwing an
 * UnexpectedResponseError marked temporary has the download repeated.
 */
export type SavedCheck = (file: string, saved: SavedResponse) => Promise<void>

/** What a POST or PUT carries; a stream is read once, so a request with one is never repeated. */
export interface RequestBody {
  data: string | Buffer | Readable
  contentType: string
  /** Bytes in `data`; set it for a stream so the server sees a Content-Length, not chunks. */
  length?: number
}

/** The methods that change a site, each sent by `send`. */
export type ChangeMethod = 'POST' | 'PUT' | 'DELETE'

/**
 * Talks to one Ghost site's Admin API. Every authenticated request goes to the admin
 * host only, and a redirect is reported, never followed: following it could hand the
 * credentials to another host.
 */
export class GhostClient {
  readonly apiRoot: URL
  private readonly auth: Authenticator

  constructor(private readonly options: GhostClientOptions) {
    this.apiRoot = adminApiRoot(options.address.adminUrl)
    this.auth = createAuthenticator(options.credentials, {
      apiRoot: this.apiRoot,
      transport: options.transport,
      logger: options.logger,
    })
  }

  get authMethod(): Credentials['kind'] {
    return this.auth.method
  }

  /** Logs in (a session) or does nothing (a token, which signs each request). */
  open(): Promise<void> {
    return this.auth.open()
  }

  close(): Promise<void> {
    return this.auth.close()
  }

  /** An absolute URL under the admin API root, e.g. `url('db/')`. */
  url(path: string, query: Record<string, string> = {}): URL {
    const url = new URL(path, this.apiRoot)
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
    return url
  }

  /**
   * One GET, checked: a 2xx response comes back unread; anything else becomes an
   * error carrying Ghost's message. `authenticated: false` for the public endpoints.
   */
  async get(path: string, query: Record<string, string> = {}, authenticated = true): Promise<HttpResponse> {
    const url = this.url(path, query)
    const what = `GET /${path}`
    const headers: OutgoingHttpHeaders = {
      Accept: 'application/json, */*',
      ...(authenticated ? this.auth.headers() : {}),
    }
    const response = await this.options.transport.request('GET', url, headers)
    if (response.status >= 200 && response.status < 300) return response
    const body = await readBody(what, response).catch(() => Buffer.alloc(0))
    if (response.status >= 300 && response.status < 400) {
      throw new RedirectError(what, response.status, new URL(String(response.headers.location ?? ''), url), url)
    }
    const retryAfter = parseRetryAfter(response.headers['retry-after'] as string | undefined)
    const error = ghostApiError(what, response.status, body.toString('utf8'), retryAfter)
    throw response.status === 401 && authenticated ? credentialRejected(this.auth.method, error) : error
  }

  /**
   * Where Ghost sends a browser that opens `<url>/ghost/`, when that is another origin.
   * A site whose admin lives on another host answers the API there with 404 (Ghost 5),
   * but still points visitors of `/ghost/` to the admin host.
   */
  async adminRedirect(): Promise<URL | undefined> {
    const page = new URL('ghost/', this.options.address.adminUrl)
    const response = await this.options.transport.request('GET', page, { Accept: 'text/html' })
    response.body.resume()
    const location = response.headers.location
    if (response.status < 300 || response.status >= 400 || !location) return undefined
    const target = new URL(location, page)
    return target.origin === page.origin ? undefined : new URL(target.pathname.replace(/ghost\/?$/, ''), target)
  }

  /** GET and parse JSON, repeating the request on a temporary failure. */
  getJson<T>(path: string, query: Record<string, string> = {}, authenticated = true): Promise<T> {
    return this.retrying(`GET /${path}`, async () =>
      readJson<T>(`GET /${path}`, await this.get(path, query, authenticated)),
    )
  }

  /**
   * GET straight into a file, repeating the whole download on a temporary failure,
   * including one `check` finds in the saved file.
   */
  saveTo(path: string, file: string, query: Record<string, string> = {}, check?: SavedCheck): Promise<SavedResponse> {
    return this.retrying(`GET /${path}`, async () => {
      const response = await this.get(path, query)
      const body = await saveBody(`GET /${path}`, response, file)
      const saved = { ...body, status: response.status, headers: response.headers }
      // Inside the attempt, so a body cut where no length could tell is fetched again.
      await check?.(file, saved)
      return saved
    })
  }

  /**
   * One POST, PUT or DELETE, checked like `get`. Sent exactly once: an import or an
   * upload that reached Ghost would be applied twice if repeated. A redirect is reported,
   * never followed: following it would send the credentials on and turn a POST into a GET.
   */
  async send(
    method: ChangeMethod,
    path: string,
    body?: RequestBody,
    query: Record<string, string> = {},
  ): Promise<HttpResponse> {
    const url = this.url(path, query)
    const what = `${method} /${path}`
    const headers: OutgoingHttpHeaders = { Accept: 'application/json, */*', ...this.auth.headers() }
    if (body) {
      headers['Content-Type'] = body.contentType
      const length = body.length ?? (typeof body.data === 'string' ? Buffer.byteLength(body.data) : undefined)
      const known = length ?? (Buffer.isBuffer(body.data) ? body.data.length : undefined)
      if (known !== undefined) headers['Content-Length'] = known
    }
    const response = await this.options.transport.request(method, url, headers, body?.data)
    if (response.status >= 200 && response.status < 300) return response
    const text = await readBody(what, response).catch(() => Buffer.alloc(0))
    if (response.status >= 300 && response.status < 400) {
      throw new RedirectError(what, response.status, new URL(String(response.headers.location ?? ''), url), url)
    }
    const retryAfter = parseRetryAfter(response.headers['retry-after'] as string | undefined)
    const error = ghostApiError(what, response.status, text.toString('utf8'), retryAfter)
    throw response.status === 401 ? credentialRejected(this.auth.method, error) : error
  }

  /**
   * `send` with a JSON body (or none), answering Ghost's parsed JSON, or undefined for an
   * empty answer (204). PUT and DELETE land on the same state however often they are
   * sent, so only they are repeated on a temporary failure; a POST never is.
   */
  sendJson<T>(
    method: ChangeMethod,
    path: string,
    json?: unknown,
    query: Record<string, string> = {},
  ): Promise<T | undefined> {
    const what = `${method} /${path}`
    const attempt = async (): Promise<T | undefined> => {
      const body = json === undefined ? undefined : { data: JSON.stringify(json), contentType: 'application/json' }
      const response = await this.send(method, path, body, query)
      const text = await readBody(what, response)
      if (text.length === 0) return undefined
      try {
        return JSON.parse(text.toString('utf8')) as T
      } catch {
        throw new UnexpectedResponseError(`${what}: expected JSON from Ghost but got ${describeBody(response, text)}.`)
      }
    }
    return method === 'POST' ? attempt() : this.retrying(what, attempt)
  }

  private retrying<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    return withRetries(what, attempt, classifyTemporary, this.options.retry, this.options.logger)
  }
}
