/**
 * Seeds posts, pages, tags, newsletters and members through the Admin API,
 * written by different staff so authorship and permissions are realistic.
 */
import { adminRequest, expectStatus, type ApiTarget } from './admin-api.js'
import { audioCard, fileCard, imageCard, lexicalDocument, paragraph } from './lexical.js'
import type { SeededUpload } from './seed-uploads.js'
import type { Staff } from './staff.js'

export interface SeededPost {
  id: string
  slug: string
  title: string
  status: 'published' | 'draft'
  type: 'post' | 'page'
  /** Author emails, primary author first. */
  authors: string[]
  tags: string[]
}

export interface SeededMember {
  email: string
  name: string
  labels: string[]
  newsletters: string[]
}

/** The uploads posts refer to, by role. */
export interface ContentImages {
  feature: SeededUpload
  second: SeededUpload
  inline: SeededUpload
  card: SeededUpload
  audio: SeededUpload
  pdf: SeededUpload
}

interface PostSpec {
  title: string
  type: 'post' | 'page'
  status: 'published' | 'draft'
  /** Who creates it; the first author. */
  by: keyof Omit<Staff, 'integration'>
  coAuthors?: Array<keyof Omit<Staff, 'integration'>>
  tags: string[]
  html?: string
  lexical?: string
  featureImage?: SeededUpload
}

export const TAGS = [
  { name: 'News', description: 'Announcements' },
  { name: 'Photos', description: 'Pictures from the harness' },
  { name: 'Café culture', description: 'A tag whose name is not ASCII' },
  { name: 'Drafts', description: 'Work in progress' },
]

function postSpecs(img: ContentImages): PostSpec[] {
  return [
    {
      title: 'Welcome to the harness',
      type: 'post',
      status: 'published',
      by: 'owner',
      tags: ['News', 'Café culture'],
      featureImage: img.feature,
      html: `<p>First post, written in HTML.</p><figure><img src="${img.inline.url}" alt="diagram"></figure><p>Read the <a href="${img.pdf.url}">annual report</a>.</p>`,
    },
    {
      title: 'Lexical cards',
      type: 'post',
      status: 'published',
      by: 'administrator',
      tags: ['Photos'],
      lexical: lexicalDocument([
        paragraph('A post with an image card, an audio card and a file card.'),
        imageCard(img.card, 500, 300, 'An image card'),
        audioCard(img.audio, 'A short tone', 0.5),
        fileCard(img.pdf, 'Annual report'),
      ]),
    },
    {
      title: 'Co-written post',
      type: 'post',
      status: 'published',
      by: 'editor',
      coAuthors: ['owner'],
      tags: ['News', 'Photos'],
      featureImage: img.second,
      lexical: lexicalDocument([paragraph('Two authors wrote this one.')]),
    },
    {
      title: "Editor's draft",
      type: 'post',
      status: 'draft',
      by: 'editor',
      tags: ['Drafts'],
      html: '<p>Not ready yet.</p>',
    },
    {
      title: 'About us',
      type: 'page',
      status: 'published',
      by: 'owner',
      tags: [],
      featureImage: img.feature,
      html: `<p>This page has a feature image and an inline one.</p><img src="${img.card.url}" alt="card">`,
    },
    {
      title: 'Unpublished page',
      type: 'page',
      status: 'draft',
      by: 'administrator',
      tags: ['Drafts'],
      lexical: lexicalDocument([paragraph('A draft page.')]),
    },
  ]
}

async function userIds(site: ApiTarget, staff: Staff): Promise<Map<string, string>> {
  const res = expectStatus(await adminRequest(site, staff.owner.token, 'GET', 'users/?limit=all'), 200, 'list users')
  return new Map(res.json<{ users: Array<{ id: string; email: string }> }>().users.map((u) => [u.email, u.id]))
}

export async function seedTags(site: ApiTarget, staff: Staff, featureImage: SeededUpload): Promise<string[]> {
  for (const [i, tag] of TAGS.entries()) {
    const body = { tags: [{ ...tag, feature_image: i === 1 ? featureImage.url : null }] }
    expectStatus(await adminRequest(site, staff.owner.token, 'POST', 'tags/', body), 201, `create tag ${tag.name}`)
  }
  return TAGS.map((t) => t.name)
}

export async function seedPosts(site: ApiTarget, staff: Staff, images: ContentImages): Promise<SeededPost[]> {
  const ids = await userIds(site, staff)
  const idOf = (email: string): string => {
    const id = ids.get(email)
    if (!id) throw new Error(`no user ${email}`)
    return id
  }
  const specs = postSpecs(images)
  return Promise.all(
    specs.map(async (spec) => {
      const authors = [spec.by, ...(spec.coAuthors ?? [])].map((who) => staff[who].email)
      const endpoint = `${spec.type}s/${spec.html ? '?source=html' : ''}`
      const post: Record<string, unknown> = {
        title: spec.title,
        status: spec.status,
        authors: authors.map((email) => ({ id: idOf(email) })),
        tags: spec.tags.map((name) => ({ name })),
        feature_image: spec.featureImage?.url ?? null,
      }
      if (spec.html) post.html = spec.html
      if (spec.lexical) post.lexical = spec.lexical
      const res = expectStatus(
        await adminRequest(site, staff[spec.by].token, 'POST', endpoint, { [`${spec.type}s`]: [post] }),
        201,
        `create ${spec.type} ${spec.title}`,
      )
      const created = res.json<Record<string, Array<{ id: string; slug: string }>>>()[`${spec.type}s`]?.[0]
      if (!created) throw new Error(`no ${spec.type} returned for ${spec.title}`)
      return {
        id: created.id,
        slug: created.slug,
        title: spec.title,
        status: spec.status,
        type: spec.type,
        authors,
        tags: spec.tags,
      }
    }),
  )
}

const LABELS = ['VIP', 'Beta tester', 'Imported']

export async function seedMembers(site: ApiTarget, staff: Staff, count = 25): Promise<SeededMember[]> {
  const token = staff.owner.token
  expectStatus(
    await adminRequest(site, token, 'POST', 'newsletters/', {
      newsletters: [{ name: 'Weekly digest', description: 'Second newsletter' }],
    }),
    201,
    'create newsletter',
  )
  const listRes = expectStatus(await adminRequest(site, token, 'GET', 'newsletters/?limit=all'), 200, 'newsletters')
  const newsletters = listRes.json<{ newsletters: Array<{ id: string; name: string }> }>().newsletters
  // Labels first: members created in parallel would otherwise race to create them.
  for (const name of LABELS) {
    expectStatus(
      await adminRequest(site, token, 'POST', 'labels/', { labels: [{ name }] }),
      201,
      `create label ${name}`,
    )
  }
  const members: SeededMember[] = Array.from({ length: count }, (_, i) => ({
    email: `member${String(i + 1).padStart(2, '0')}@example.com`,
    name: i % 7 === 3 ? `Zoë Member ${i + 1}` : `Member ${i + 1}`,
    // Members 0,3,6.. get one label, 1,4,7.. two, the rest none.
    labels: i % 3 === 2 ? [] : LABELS.slice(i % 3, (i % 3) + 1 + (i % 3)),
    // Alternate between all newsletters, the first only, and none.
    newsletters:
      i % 3 === 0 ? newsletters.map((n) => n.name) : i % 3 === 1 ? newsletters.slice(0, 1).map((n) => n.name) : [],
  }))
  // A few at a time: SQLite serialises writes anyway, this just hides latency.
  for (let start = 0; start < members.length; start += 5) {
    await Promise.all(
      members.slice(start, start + 5).map(async (m) => {
        const body = {
          members: [
            {
              email: m.email,
              name: m.name,
              labels: m.labels.map((name) => ({ name })),
              newsletters: newsletters.filter((n) => m.newsletters.includes(n.name)).map((n) => ({ id: n.id })),
            },
          ],
        }
        expectStatus(await adminRequest(site, token, 'POST', 'members/', body), 201, `create member ${m.email}`)
      }),
    )
  }
  return members
}
