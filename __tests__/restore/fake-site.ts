import type { ServerResponse } from 'node:http'
import { createHttpTransport } from '../../src/ghost/http.js'
import { type FakeGhost, json, type RecordedRequest, siteBody } from '../support/fake-ghost.js'
import { recordingLogger, TOKEN } from '../support/run-fake-backup.js'
import { parseStaffToken } from '../../src/settings/credentials.js'
import type { RestoreDependencies, RestoreOptions } from '../../src/restore/types.js'

type Row = { id: string; slug?: string; name?: string; email?: string; status?: string }

/** What the stand-in site holds; handlers read and change it as Ghost would. */
export interface SiteState {
  posts: Row[]
  pages: Row[]
  tags: Row[]
  users: Row[]
  labels: Row[]
  members: number
  title: string
  /** Public files by path, e.g. `/content/images/2025/01/a.png`. */
  served: Map<string, Buffer>
}

/** A fresh Ghost: the sample post, page and tag, and its Owner. */
export function freshSite(): SiteState {
  return {
    posts: [{ id: 'sample-post', slug: 'coming-soon' }],
    pages: [{ id: 'sample-page', slug: 'about' }],
    tags: [{ id: 'sample-tag', slug: 'news', name: 'News' }],
    users: [{ id: 'owner', email: 'owner@example.com', slug: 'olivia', status: 'active' }],
    labels: [],
    members: 0,
    title: 'Fresh Site',
    served: new Map(),
  }
}

export interface SiteBehaviour {
  /** What Ghost's background job does with the content JSON; nothing models an import that fails. */
  importContent?: (state: SiteState) => void
  /** What it does with a zip of site files. */
  importFiles?: (state: SiteState, request: RecordedRequest, res: ServerResponse) => boolean
  /** Ghost's answer to a members upload. */
  uploadMembers?: (state: SiteState, rows: number, res: ServerResponse) => void
  /** Ghost's answer to DELETE /db/. */
  wipe?: (res: ServerResponse) => void
}

const LISTS = ['posts', 'pages', 'tags', 'users', 'labels'] as const

/** Serves the Admin API a restore uses, over `state`. */
export function serveSite(ghost: FakeGhost, state: SiteState, behaviour: SiteBehaviour = {}): void {
  ghost.on('GET', 'site/', (_req, res) => json(res, 200, siteBody('6.65', ghost.url)))
  for (const list of LISTS) {
    ghost.on('GET', `${list}/`, (_req, res) =>
      json(res, 200, { [list]: state[list], meta: { pagination: { total: state[list].length } } }),
    )
    ghost.onPrefix('DELETE', `/ghost/api/admin/${list}/`, (req, res) => {
      const id = req.path.split('/').at(-2)
      state[list] = state[list].filter((row) => row.id !== id)
      res.writeHead(204).end()
    })
  }
  ghost.onPrefix('PUT', '/ghost/api/admin/users/', (_req, res) => json(res, 200, { users: [{}] }))
  ghost.on('GET', 'members/', (_req, res) =>
    json(res, 200, { members: [], meta: { pagination: { total: state.members } } }),
  )
  ghost.on('GET', 'settings/', (_req, res) => json(res, 200, { settings: [{ key: 'title', value: state.title }] }))
  ghost.on('POST', 'db/', (req, res) => {
    if (req.body.includes('filename="content.json"')) behaviour.importContent?.(state)
    else if (behaviour.importFiles?.(state, req, res)) return
    json(res, 200, { db: [], problems: [] })
  })
  ghost.on('DELETE', 'db/', (_req, res) => (behaviour.wipe ? behaviour.wipe(res) : void res.writeHead(204).end()))
  ghost.on('POST', 'members/upload/', (req, res) => {
    const rows = req.body.split('\n').filter((line) => /@example\.com/.test(line)).length
    if (behaviour.uploadMembers) return behaviour.uploadMembers(state, rows, res)
    state.members += rows
    state.labels.push({ id: `import-${state.labels.length}`, name: 'Import 2026-01-01 10:00' })
    json(res, 201, { meta: { stats: { imported: rows, invalid: [] }, import_label: null } })
  })
  ghost.on('POST', 'themes/upload/', (_req, res) => json(res, 200, { themes: [{ name: 'x', warnings: [] }] }))
  ghost.onPrefix('PUT', '/ghost/api/admin/themes/', (_req, res) => json(res, 200, { themes: [{}] }))
  ghost.on('POST', 'settings/routes/yaml/', (_req, res) => json(res, 200, {}))
  ghost.on('POST', 'redirects/upload/', (_req, res) => json(res, 200, {}))
  ghost.onPrefix('GET', '/content/', (req, res) => {
    const bytes = state.served.get(decodeURIComponent(req.path))
    if (!bytes) return json(res, 404, {})
    res.writeHead(200, { 'Content-Length': bytes.length }).end(bytes)
  })
}

/** The options a test restores with: the stand-in's address and a token of the right shape. */
export function restoreOptions(url: string, extra: Partial<RestoreOptions> = {}): RestoreOptions {
  const address = new URL(url)
  return {
    siteUrl: address,
    adminUrl: address,
    credentials: { kind: 'staff-token', token: parseStaffToken(TOKEN) },
    ...extra,
  }
}

/** Real network to the stand-in; a clock that only moves when the restore waits. */
export function testDependencies(logger = recordingLogger()): RestoreDependencies & { logger: typeof logger } {
  let now = 0
  return {
    transport: createHttpTransport({ timeoutMs: 10_000 }),
    retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0, sleep: async () => {} },
    logger,
    now: () => new Date(now),
    sleep: async (ms) => {
      now += ms
    },
  }
}

/** Every request that would change the site. */
export function changes(ghost: FakeGhost): string[] {
  return ghost.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)
}
