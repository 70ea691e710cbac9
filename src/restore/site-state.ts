import type { GhostClient } from '../ghost/client.js'

/** A row of a Ghost list, with the few fields a restore compares. */
export interface SiteRow {
  id: string
  slug?: string
  name?: string
  title?: string
  email?: string
  status?: string
}

interface Page {
  meta?: { pagination?: { total?: number } }
  [resource: string]: unknown
}

/**
 * What a fresh Ghost 5 or 6 holds before anyone writes (fixtures.json): the post
 * `coming-soon`, the page `about` and the tag `news`. More than that is someone's content.
 */
export const FRESH_INSTALL = { posts: ['coming-soon'], pages: ['about'], tags: ['news'] } as const

/** A few rows and the total of one resource. */
export async function peek(
  client: GhostClient,
  resource: string,
  fields: string,
): Promise<{ total: number; rows: SiteRow[] }> {
  const page = await client.getJson<Page>(`${resource}/`, { limit: '5', fields })
  const rows = Array.isArray(page[resource]) ? (page[resource] as SiteRow[]) : []
  return { total: page.meta?.pagination?.total ?? rows.length, rows }
}

/** Every row of a resource (`posts`, `tags`, `users`, `labels`...), with only `fields`. */
export async function listAll(
  client: GhostClient,
  resource: string,
  fields: string,
  query: Record<string, string> = {},
) {
  const page = await client.getJson<Page>(`${resource}/`, { limit: 'all', fields, ...query })
  return Array.isArray(page[resource]) ? (page[resource] as SiteRow[]) : []
}

/** Ghost's own total of a resource. */
export async function total(client: GhostClient, resource: string): Promise<number> {
  return (await peek(client, resource, 'id')).total
}

/** What makes a site not fresh, in words; empty when it holds only Ghost's sample content. */
export async function contentOnSite(client: GhostClient): Promise<string[]> {
  const found: string[] = []
  for (const resource of ['posts', 'pages', 'tags'] as const) {
    const { total: count, rows } = await peek(client, resource, 'id,slug')
    const extra = rows.filter((row) => !(FRESH_INSTALL[resource] as readonly string[]).includes(row.slug ?? ''))
    if (count > FRESH_INSTALL[resource].length || extra.length > 0) found.push(`${count} ${resource}`)
  }
  const members = await total(client, 'members')
  if (members > 0) found.push(`${members} members`)
  return found
}
