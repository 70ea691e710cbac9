import type { GhostClient, SavedCheck, SavedResponse } from '../client.js'

/**
 * Ghost's members export: the same CSV as Ghost Admin's "Export all members", streamed
 * by Ghost page by page and here straight to disk, however many members there are.
 * @param check that the CSV ends cleanly; run per attempt, so a cut CSV is fetched again
 */
export function downloadMembersCsv(client: GhostClient, file: string, check?: SavedCheck): Promise<SavedResponse> {
  return client.saveTo('members/upload/', file, { limit: 'all' }, check)
}

/** Ghost's own member total, to hold the CSV's row count against. */
export async function fetchMemberTotal(client: GhostClient): Promise<number> {
  const body = await client.getJson<{ meta?: { pagination?: { total?: number } } }>('members/', {
    limit: '1',
    fields: 'id',
  })
  return body.meta?.pagination?.total ?? 0
}
