import { randomBytes } from 'node:crypto'
import { makeZip } from '../../scripts/ghost/zip.js'
import type { BackupResult } from '../../src/backup/run-backup.js'
import { FakeGhost, json, siteBody } from '../support/fake-ghost.js'
import { runFakeBackup } from '../support/run-fake-backup.js'

/** Files the stand-in serves under /content/: the `_o` originals of b.jpg and logo.png are absent, as on many sites. */
export const SERVED = new Map<string, Buffer>([
  ['images/2026/01/a.png', randomBytes(3000)],
  ['images/2026/01/a_o.png', randomBytes(4000)],
  ['images/2026/01/b.jpg', randomBytes(2000)],
  ['images/2026/01/c.png', randomBytes(1000)],
  ['images/2026/01/c_o.png', randomBytes(1000)],
  ['images/2026/01/logo.png', randomBytes(500)],
  ['media/2026/01/clip.mp4', randomBytes(6000)],
  ['files/2026/01/report.pdf', randomBytes(1500)],
])

export const EXTERNAL_IMAGE = 'https://cdn.example.org/pictures/hero.png'
export const UNSAFE_REFERENCE = '__GHOST_URL__/content/images/2026/..%2F..%2Fsecret.png'
/** Referenced by a post, but the server answers 404: the backup lists it as missing. */
export const GONE_IMAGE = 'images/2026/01/gone.png'

/** Ghost 5's members CSV columns; notes and labels with commas, quotes and line breaks, CRLF as Ghost 6 writes. */
export const MEMBERS_CSV = [
  'id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers',
  '1,ann@example.com,Ann,,true,,,2026-01-01T00:00:00.000Z,,VIP,',
  '2,bob@example.com,"Bob, Jr.","Met at the fair,\nsays ""hi""",false,,,2026-01-02T00:00:00.000Z,,"VIP,Beta",Gold',
  '3,cy@example.com,Zoë,,true,true,,2026-01-03T00:00:00.000Z,,,',
].join('\r\n')

export const ROUTES_YAML = 'routes:\n\ncollections:\n  /:\n    permalink: /{slug}/\n    template: index\n'
export const REDIRECTS_YAML = '301:\n  /old/: /new/\n\n302:\n  /away/: /about/\n'
export const REDIRECTS_JSON = '[{"from":"/old/","to":"/new/","permanent":true}]'

export interface FakeSiteOptions {
  /** Ghost 5 keeps redirects as JSON when that is what was uploaded. */
  redirects?: 'yaml' | 'json'
  members?: string
}

function contentExport() {
  const html = [
    '<img src="__GHOST_URL__/content/images/2026/01/a.png">',
    '<img src="__GHOST_URL__/content/images/size/w600/2026/01/b.jpg">',
    `<img src="__GHOST_URL__/content/${GONE_IMAGE}">`,
    '<video src="__GHOST_URL__/content/media/2026/01/clip.mp4"></video>',
    '<a href="__GHOST_URL__/content/files/2026/01/report.pdf">Report</a>',
    `<img src="${EXTERNAL_IMAGE}">`,
    `<img src="${UNSAFE_REFERENCE}">`,
  ].join('')
  return {
    db: [
      {
        meta: { exported_on: 1767225600000, version: '6.65.0' },
        data: {
          posts: [
            { id: 'p1', type: 'post', slug: 'hello', html },
            { id: 'p2', type: 'page', slug: 'about', feature_image: '__GHOST_URL__/content/images/2026/01/c.png' },
          ],
          tags: [{ id: 't1', slug: 'news' }],
          users: [{ id: 'u1', email: 'owner@example.com' }],
          roles: [{ id: 'r1', name: 'Owner' }],
          settings: [{ key: 'logo', value: '__GHOST_URL__/content/images/2026/01/logo.png' }],
        },
      },
    ],
  }
}

/** A stand-in Ghost serving a whole small site: every part a backup holds. */
export async function startFakeSite(options: FakeSiteOptions = {}): Promise<FakeGhost> {
  const ghost = await FakeGhost.start()
  const total = (n: number) => ({ meta: { pagination: { total: n } } })
  const members = options.members ?? MEMBERS_CSV
  ghost.on('GET', 'site/', (_req, res) => json(res, 200, siteBody('6.65', ghost.url)))
  ghost.on('GET', 'db/', (_req, res) => json(res, 200, contentExport()))
  ghost.on('GET', 'posts/', (_req, res) => json(res, 200, total(1)))
  ghost.on('GET', 'pages/', (_req, res) => json(res, 200, total(1)))
  ghost.on('GET', 'members/', (_req, res) => json(res, 200, total(members === '' ? 0 : 3)))
  ghost.on('GET', 'members/upload/', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/csv' }).end(members))
  ghost.on('GET', 'settings/routes/yaml/', (_req, res) => res.writeHead(200).end(ROUTES_YAML))
  ghost.on('GET', 'redirects/download/', (_req, res) => {
    const name = `redirects.${options.redirects ?? 'yaml'}`
    const body = name.endsWith('.json') ? REDIRECTS_JSON : REDIRECTS_YAML
    res.writeHead(200, { 'Content-Disposition': `Attachment; filename="${name}"` }).end(body)
  })
  ghost.on('GET', 'themes/', (_req, res) =>
    json(res, 200, {
      themes: [
        { name: 'casper', active: false },
        { name: 'starter', active: true },
      ],
    }),
  )
  ghost.on('GET', 'themes/starter/download/', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/zip' }).end(themeZip())
  })
  ghost.onPrefix('GET', '/content/', (req, res) => {
    const bytes = SERVED.get(req.path.slice('/content/'.length))
    if (!bytes) return void res.writeHead(404).end()
    res.writeHead(200, { 'Content-Length': bytes.length }).end(bytes)
  })
  return ghost
}

export function themeZip(): Buffer {
  return makeZip([
    { name: 'starter/package.json', data: '{"name":"starter","version":"1.0.0"}' },
    { name: 'starter/index.hbs', data: '{{!< default}}{{#foreach posts}}{{title}}{{/foreach}}' },
    { name: 'starter/default.hbs', data: '<html><body>{{{body}}}</body></html>' },
  ])
}

/** Backs the stand-in site up into `dir` with the real backup core. */
export async function backUpFakeSite(
  dir: string,
  inputs: Record<string, string> = {},
  options: FakeSiteOptions = {},
): Promise<BackupResult> {
  const ghost = await startFakeSite(options)
  try {
    return await runFakeBackup(ghost.url, { include: 'all', path: dir, ...inputs })
  } finally {
    await ghost.stop()
  }
}
