import {
  type ClientRequest,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request as upstreamRequest,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What the proxy answers instead of passing a request through. */
export type Fault =
  /** An error page from the proxy, as nginx gives when Ghost is down or restarting. */
  | { kind: 'status'; status: 502 | 503 | 504 }
  /** A rate limit, asking the client to wait `retryAfter` seconds. */
  | { kind: 'too-many'; retryAfter: number }
  /**
   * Ghost's status and headers and `keep` bytes of its body (default half; a negative
   * `keep` drops that many from the end), then a TCP reset.
   */
  | { kind: 'reset'; keep?: number }
  /**
   * `keep` bytes of Ghost's body (as for `reset`), then a clean close. With `declared` (the
   * default) the head still promises the whole Content-Length; without, the body is ended
   * only by the close, so nothing but the content itself can tell it was cut.
   */
  | { kind: 'truncate'; keep?: number; declared?: boolean }
  /** Silence after the request, after the head, or after half the body; the socket stays open. */
  | { kind: 'stall'; after: 'request' | 'headers' | 'half-body' }
  /** 200 with an HTML page, as a captive portal or a "maintenance" page gives. */
  | { kind: 'html'; title?: string }
  /** A redirect to the same path on `origin` (another host). */
  | { kind: 'redirect'; origin: string; status?: 301 | 302 | 307 }

export interface FaultOptions {
  /** How many matching requests get the fault before the rest pass through; default every one. */
  times?: number
  /** Only requests with this method; default any. */
  method?: string
}

interface Rule extends Required<FaultOptions> {
  pattern: string | RegExp
  fault: Fault
}

interface Upstream {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/** Headers that describe one hop, never passed on. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'proxy-connection'])

/**
 * A local HTTP proxy between the client under test and a Ghost (real or fake) that breaks
 * chosen requests the ways networks and proxies do. Rules match a request's path (a string
 * is a prefix, a RegExp is tested), the first rule with turns left wins; everything else
 * passes through. It counts the requests it saw per method and path.
 */
export class FaultProxy {
  /** `METHOD /path` of every request, in order (no query). */
  readonly requests: string[] = []
  /** Where requests pass through to; set once the upstream is listening. */
  target = ''
  private rules: Rule[] = []

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FaultProxy> {
    const server = createServer()
    const proxy = new FaultProxy(server)
    // A stalled peer behind a dead link never sees the client's FIN; without this, Node would
    // end the socket as soon as the client half-closes it, and the stall would end by itself.
    ;(server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true
    server.on('request', (req, res) => proxy.handle(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  /** The proxy's own address, with a trailing slash; point the client (and Ghost's `url`) here. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`
  }

  /** Breaks requests whose path matches `pattern`; later rules apply only where earlier ones ran out. */
  inject(pattern: string | RegExp, fault: Fault, options: FaultOptions = {}): this {
    this.rules.push({ pattern, fault, times: options.times ?? Infinity, method: options.method ?? '' })
    return this
  }

  /** Forgets every rule and count: the proxy passes everything through again. */
  clear(): void {
    this.rules = []
    this.requests.length = 0
  }

  /** How many requests matched `pattern` (as in `inject`), optionally of one method. */
  count(pattern: string | RegExp, method = ''): number {
    return this.requests.filter((line) => {
      const [verb, path] = line.split(' ') as [string, string]
      return (!method || verb === method) && matches(pattern, path)
    }).length
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]!
    const method = req.method ?? 'GET'
    this.requests.push(`${method} ${path}`)
    // Before `target` is set (Ghost still booting), the proxy is what a dead upstream looks like.
    if (!this.target) return htmlPage(res, 502, '502 Bad Gateway')
    const rule = this.rules.find(
      (candidate) =>
        candidate.times > 0 && (!candidate.method || candidate.method === method) && matches(candidate.pattern, path),
    )
    if (!rule) return this.passThrough(req, res)
    rule.times--
    void this.breakRequest(rule.fault, req, res).catch(() => req.socket.destroy())
  }

  private passThrough(req: IncomingMessage, res: ServerResponse): void {
    const upstream = this.forward(req, (answer) => {
      const length = answer.headers['content-length']
      res.writeHead(answer.statusCode ?? 502, {
        ...withoutHopHeaders(answer.headers),
        ...(length === undefined ? {} : { 'content-length': length }),
      })
      answer.pipe(res)
      // Ghost breaking off mid-body must reach the client as a break, not as a clean end.
      answer.on('close', () => answer.complete || res.destroy())
    })
    upstream.on('error', () => (res.headersSent ? res.destroy() : htmlPage(res, 502, '502 Bad Gateway')))
  }

  /** Sends the request on to `target` unchanged, Host header included. */
  private forward(req: IncomingMessage, onAnswer: (answer: IncomingMessage) => void): ClientRequest {
    const target = new URL(this.target)
    const upstream = upstreamRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      onAnswer,
    )
    req.pipe(upstream)
    return upstream
  }

  private async breakRequest(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<void> {
    switch (fault.kind) {
      case 'status':
        return htmlPage(res, fault.status, `${fault.status} ${STATUS_CODES[fault.status]}`)
      case 'too-many':
        return htmlPage(res, 429, '429 Too Many Requests', { 'Retry-After': String(fault.retryAfter) })
      case 'html':
        return htmlPage(res, 200, fault.title ?? 'Site under maintenance')
      case 'redirect':
        res.writeHead(fault.status ?? 301, {
          Location: new URL(req.url ?? '/', fault.origin).href,
          'Content-Length': 0,
        })
        return void res.end()
      case 'stall':
        // Take the request and never answer.
        if (fault.after === 'request') {
          req.resume()
          return
        }
    }
    // The remaining faults cut Ghost's own answer, so fetch it whole first.
    const answer = await this.fetchUpstream(req)
    const socket = req.socket
    if (fault.kind === 'stall') {
      const keep = fault.after === 'headers' ? 0 : Math.floor(answer.body.length / 2)
      socket.write(Buffer.concat([rawHead(answer, true), answer.body.subarray(0, keep)]))
      return
    }
    const keep = fault.keep ?? Math.floor(answer.body.length / 2)
    const declared = fault.kind === 'reset' || fault.declared !== false
    await write(socket, Buffer.concat([rawHead(answer, declared), answer.body.subarray(0, keep)]))
    if (fault.kind === 'reset') socket.resetAndDestroy()
    else socket.end()
  }

  private fetchUpstream(req: IncomingMessage): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      const upstream = this.forward(req, (answer) => {
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }),
        )
        answer.on('error', reject)
      })
      upstream.on('error', reject)
    })
  }
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? path.startsWith(pattern) : pattern.test(path)
}

function withoutHopHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_HEADERS.has(name)))
}

/**
 * A response head written straight to the socket, so the proxy decides exactly what is
 * promised: the whole body's Content-Length, or none and `Connection: close`.
 */
function rawHead(answer: Upstream, declareLength: boolean): Buffer {
  const lines = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`]
  for (const [name, value] of Object.entries(withoutHopHeaders(answer.headers))) {
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`)
  }
  if (declareLength) lines.push(`Content-Length: ${answer.body.length}`)
  lines.push('Connection: close', '', '')
  return Buffer.from(lines.join('\r\n'))
}

function write(socket: Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => socket.write(bytes, (error) => (error ? reject(error) : resolve())))
}

function htmlPage(res: ServerResponse, status: number, title: string, headers: Record<string, string> = {}): void {
  const page = `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`
  res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(page), ...headers })
  res.end(page)
}
