import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import type { Manifest } from '../../src/backup/manifest.js'
import { tempDir } from '../support/run-fake-backup.js'

export const MEMBERS_HEADER =
  'id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers'

/** A small PNG-looking file: restore never decodes images, only moves their bytes. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])

export interface FakeBackupOptions {
  posts?: { slug: string; type?: string }[]
  members?: string[]
  files?: Record<string, Buffer>
  themes?: string[]
  activeTheme?: string
  ghostVersion?: string
  /** Staff emails; the first is the Owner. */
  users?: string[]
}

/** Writes a backup folder of the layout runBackup writes, manifest and checksums included. */
export async function writeFakeBackup(options: FakeBackupOptions = {}): Promise<string> {
  const dir = path.join(await tempDir(), 'backup')
  const version = options.ghostVersion ?? '6.65.0'
  const posts = (options.posts ?? [{ slug: 'welcome' }, { slug: 'about-us', type: 'page' }]).map((post, i) => ({
    id: `p${i}`,
    title: post.slug,
    slug: post.slug,
    type: post.type ?? 'post',
    status: 'published',
  }))
  const content = {
    db: [
      {
        meta: { exported_on: 1764806400000, version },
        data: {
          posts,
          tags: [{ id: 't1', slug: 'news', name: 'News' }],
          users: (options.users ?? ['owner@example.com']).map((email, i) => ({
            id: `u${i}`,
            email,
            slug: email.split('@')[0],
            name: email.split('@')[0],
          })),
          settings: [{ key: 'title', value: 'Old Site' }],
        },
      },
    ],
  }
  const files: Record<string, Buffer | string> = {
    'data/content.json': JSON.stringify(content),
    'data/members.csv': [MEMBERS_HEADER, ...(options.members ?? []), ''].join('\n'),
    'settings/routes.yaml': 'routes:\n',
    'settings/redirects.yaml': '301:\n  /old/: /new/\n',
    ...Object.fromEntries((options.themes ?? []).map((name) => [`themes/${name}.zip`, Buffer.from('PK\x05\x06')])),
    ...(options.files ?? {}),
  }
  const entries: Manifest['files'] = []
  for (const [relative, data] of Object.entries(files)) {
    const absolute = path.join(dir, relative)
    await mkdir(path.dirname(absolute), { recursive: true })
    await writeFile(absolute, data)
    const bytes = Buffer.from(data)
    entries.push({ path: relative, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') })
  }
  const manifest: Manifest = {
    format: 1,
    tool: { name: 'ghost-backup-action', version: '1.0.0' },
    site: {
      title: 'Old Site',
      url: 'https://old.example.com/',
      adminUrl: 'https://old.example.com/',
      ghostVersion: version,
    },
    auth: 'staff-token',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    parts: ['content', 'members', 'themes', 'settings', 'images', 'media', 'files'],
    counts: {},
    files: entries,
    activeTheme: options.activeTheme,
    missing: [],
    external: [],
    unsafe: [],
  }
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2))
  return dir
}
