/**
 * Fills a fresh site with realistic content through the Admin API: images,
 * audio and a PDF, posts and pages by several authors, tags, members with
 * labels and newsletters, site logo/icon/cover, a custom theme, routes.yaml
 * and redirects. Everything is generated in code. The result describes what
 * was seeded so a backup can be checked against it.
 */
import { adminRequest, expectStatus, type ApiTarget } from './admin-api.js'
import { makeWav, makePdf } from './media-files.js'
import { makePng } from './png.js'
import { seedMembers, seedPosts, seedTags, type SeededMember, type SeededPost } from './seed-content.js'
import { uploadFile, type SeededUpload, type UploadRequest } from './seed-uploads.js'
import type { Staff } from './staff.js'
import { makeThemeZip, THEME_NAME } from './theme.js'

export interface SeedResult {
  /** Posts and pages. */
  posts: SeededPost[]
  tags: string[]
  members: SeededMember[]
  /** Every uploaded file, in upload order. */
  uploads: SeededUpload[]
  theme: { name: string; zip: Buffer }
  routesYaml: string
  redirects: { fileName: string; body: string; rules: Array<{ from: string; to: string; permanent: boolean }> }
  settings: { title: string; description: string; logo: string; icon: string; coverImage: string }
  /** The Owner's profile image URL. */
  ownerProfileImage: string
}

export const ROUTES_YAML = `routes:
  /archive/:
    template: index

collections:
  /:
    permalink: /{slug}/
    template: index

taxonomies:
  tag: /topic/{slug}/
  author: /writer/{slug}/
`

const REDIRECT_RULES = [
  { from: '/old-welcome/', to: '/welcome-to-the-harness/', permanent: true },
  { from: '/feed-old/', to: '/rss/', permanent: true },
  { from: '/away/', to: '/about-us/', permanent: false },
]

/**
 * Written exactly the way Ghost 6 prints redirects (301 block, blank line,
 * 302 block, two-space indent), so both versions give back the same bytes:
 * Ghost 5 keeps the uploaded file as is, Ghost 6 stores the rules as JSON
 * and prints them in this layout on download.
 */
function redirectsYaml(): string {
  const section = (code: string, permanent: boolean): string =>
    [`${code}:`, ...REDIRECT_RULES.filter((r) => r.permanent === permanent).map((r) => `  ${r.from}: ${r.to}`)].join(
      '\n',
    )
  return `${section('301', true)}\n\n${section('302', false)}\n`
}

function png(
  fileName: string,
  width: number,
  height: number,
  seed: number,
  alpha = false,
  purpose?: string,
): UploadRequest {
  return {
    kind: 'images',
    fileName,
    bytes: makePng({ width, height, seed, alpha }),
    contentType: 'image/png',
    purpose,
    width,
  }
}

async function uploadAll(site: ApiTarget, token: string): Promise<Record<string, SeededUpload>> {
  const requests: Record<string, UploadRequest> = {
    // Spaces and non-ASCII letters show how Ghost rewrites names.
    feature: png('café photo 1.png', 640, 400, 1),
    // Same name again: Ghost must pick a new one.
    second: png('café photo 1.png', 640, 400, 2),
    inline: png('Ünïcödé diagram.png', 300, 300, 3, true),
    card: png('lexical card.png', 500, 300, 4),
    // Wider than 2000 px: Ghost serves a resized copy and keeps the original as _o.
    cover: png('wide banner.png', 2400, 240, 5),
    logo: png('logo.png', 400, 100, 6, true),
    // Icons must be at least 60 px (and square if .ico).
    icon: png('icon.png', 256, 256, 7, false, 'icon'),
    // Profile images must be square.
    avatar: png('owner avatar.png', 200, 200, 8, false, 'profile_image'),
    audio: {
      kind: 'media',
      fileName: 'tone 440 Hz.wav',
      bytes: makeWav({ frequencyHz: 440, durationMs: 500 }),
      contentType: 'audio/wav',
    },
    pdf: {
      kind: 'files',
      fileName: 'Annual report 2024.pdf',
      bytes: makePdf(['Harness annual report', 'Generated in code for backup tests.']),
      contentType: 'application/pdf',
    },
  }
  const uploads: Record<string, SeededUpload> = {}
  // One at a time: two uploads of one name at once could be given the same name.
  for (const [role, request] of Object.entries(requests)) {
    uploads[role] = await uploadFile(site, token, request)
  }
  return uploads
}

function pick(uploads: Record<string, SeededUpload>, role: string): SeededUpload {
  const upload = uploads[role]
  if (!upload) throw new Error(`missing upload ${role}`)
  return upload
}

async function uploadNamedFile(
  site: ApiTarget,
  token: string,
  path: string,
  field: string,
  fileName: string,
  body: Buffer | string,
  type: string,
): Promise<void> {
  const form = new FormData()
  form.append(field, new Blob([body], { type }), fileName)
  expectStatus(await adminRequest(site, token, 'POST', path, form), [200, 201], `upload ${fileName}`)
}

export async function seedSite(site: ApiTarget, staff: Staff): Promise<SeedResult> {
  const token = staff.owner.token
  const uploads = await uploadAll(site, token)
  const img = (role: string): SeededUpload => pick(uploads, role)

  const settings = {
    title: 'Harness Backup Blog',
    description: 'A site seeded in code ☕ for backup tests',
    logo: img('logo').url,
    icon: img('icon').url,
    coverImage: img('cover').url,
  }
  const settingsBody = {
    settings: [
      { key: 'title', value: settings.title },
      { key: 'description', value: settings.description },
      { key: 'logo', value: settings.logo },
      { key: 'icon', value: settings.icon },
      { key: 'cover_image', value: settings.coverImage },
    ],
  }
  expectStatus(await adminRequest(site, token, 'PUT', 'settings/', settingsBody), 200, 'update settings')

  const users = expectStatus(await adminRequest(site, token, 'GET', 'users/me/'), 200, 'owner profile')
  const ownerId = users.json<{ users: Array<{ id: string }> }>().users[0]?.id
  expectStatus(
    await adminRequest(site, token, 'PUT', `users/${ownerId}/`, { users: [{ profile_image: img('avatar').url }] }),
    200,
    'set owner profile image',
  )

  const tags = await seedTags(site, staff, img('feature'))
  const posts = await seedPosts(site, staff, {
    feature: img('feature'),
    second: img('second'),
    inline: img('inline'),
    card: img('card'),
    audio: img('audio'),
    pdf: img('pdf'),
  })
  const members = await seedMembers(site, staff)

  const themeZip = makeThemeZip()
  await uploadNamedFile(site, token, 'themes/upload/', 'file', `${THEME_NAME}.zip`, themeZip, 'application/zip')
  expectStatus(await adminRequest(site, token, 'PUT', `themes/${THEME_NAME}/activate/`), 200, 'activate theme')

  await uploadNamedFile(site, token, 'settings/routes/yaml/', 'routes', 'routes.yaml', ROUTES_YAML, 'application/yaml')
  const redirects = { fileName: 'redirects.yaml', body: redirectsYaml(), rules: REDIRECT_RULES }
  await uploadNamedFile(
    site,
    token,
    'redirects/upload/',
    'redirects',
    redirects.fileName,
    redirects.body,
    'application/yaml',
  )

  return {
    posts,
    tags,
    members,
    uploads: Object.values(uploads),
    theme: { name: THEME_NAME, zip: themeZip },
    routesYaml: ROUTES_YAML,
    redirects,
    settings,
    ownerProfileImage: img('avatar').url,
  }
}
