import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void

/**
 * A small stand-in for Ghost's Admin API on 127.0.0.1, port 0, for error paths that a
 * real site cannot be made to produce on demand. Its answers are the ones real Ghost
 * gives (see fixtures/README.md); routes are keyed "METHOD /path/".
 */
export class FakeGhost {
  readonly requests: RecordedRequest[] = []
  private readonly routes = new Map<string, Handler>()
  private readonly prefixes: { key: string; handler: Handler }[] = []
  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeGhost> {
    const server = createServer()
    const fake = new FakeGhost(server)
    server.on('request', (req, res) => fake.handle(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return fake
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`
  }

  /** Answers `METHOD /ghost/api/admin/<path>`; later calls replace earlier ones. */
  on(method: string, path: string, handler: Handler): this {
    this.routes.set(`${method} /ghost/api/admin/${path}`, handler)
    return this
  }

  /** Answers every `METHOD <prefix>...` path (site files such as `/content/images/`). */
  onPrefix(method: string, prefix: string, handler: Handler): this {
    this.prefixes.push({ key: `${method} ${prefix}`, handler })
    return this
  }

  /** The handler answering `METHOD /ghost/api/admin/<path>`, to wrap it. */
  routeFor(method: string, path: string): Handler | undefined {
    return this.routes.get(`${method} /ghost/api/admin/${path}`)
  }

  count(method: string, path: string): number {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(`/ghost/api/admin/${path}`)).length
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!
      const recorded = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      }
      this.requests.push(recorded)
      const key = `${recorded.method} ${path}`
      const handler = this.routes.get(key) ?? this.prefixes.find((prefix) => key.startsWith(prefix.key))?.handler
      if (handler) handler(recorded, res)
      else json(res, 404, ghostError('NotFoundError', 'Resource not found'))
    })
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

/** Ghost's error body: `{errors:[{message, context, type, code, ...}]}`. */
export function ghostError(
  type: string,
  message: string,
  extra: { context?: string | null; code?: string | null } = {},
) {
  return {
    errors: [
      {
        message,
        context: extra.context ?? null,
        type,
        details: null,
        property: null,
        help: null,
        code: extra.code ?? null,
        id: '7d3a1f60-0000-4000-8000-000000000000',
        ghostErrorCode: null,
      },
    ],
  }
}

/** A minimal content export of Ghost's shape. */
export function exportBody(posts: { type: string; slug: string }[] = [{ type: 'post', slug: 'welcome' }]) {
  return {
    db: [
      {
        meta: { exported_on: 1764806400000, version: '6.65.0' },
        data: { posts, tags: [{ slug: 'news' }], users: [{ email: 'owner@example.com' }], settings: [] },
      },
    ],
  }
}

/** Answers `GET /db/` with an export of `posts`, and `/posts/`, `/pages/` with matching totals. */
export function serveExport(
  ghost: FakeGhost,
  posts: { type: string; slug: string }[] = [{ type: 'post', slug: 'welcome' }],
): void {
  const total = (type: string) => ({
    posts: [],
    meta: { pagination: { total: posts.filter((p) => p.type === type).length } },
  })
  ghost.on('GET', 'db/', (_req, res) => json(res, 200, exportBody(posts)))
  ghost.on('GET', 'posts/', (_req, res) => json(res, 200, total('post')))
  ghost.on('GET', 'pages/', (_req, res) => json(res, 200, total('page')))
}

export function siteBody(version = '6.65', url = 'http://127.0.0.1/') {
  return { site: { title: 'Fake Site', description: 'A stand-in', url, version } }
}
