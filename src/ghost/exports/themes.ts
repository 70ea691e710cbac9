import type { GhostClient, SavedCheck, SavedResponse } from '../client.js'

export interface InstalledTheme {
  name: string
  active: boolean
}

/** Themes that come with Ghost and return with any install: not worth a backup unless in use. */
export const BUNDLED_THEMES = new Set(['casper', 'source'])

export async function listThemes(client: GhostClient): Promise<InstalledTheme[]> {
  const body = await client.getJson<{ themes?: { name?: unknown; active?: unknown }[] }>('themes/')
  return (body.themes ?? [])
    .filter((theme): theme is { name: string; active?: unknown } => typeof theme.name === 'string')
    .map((theme) => ({ name: theme.name, active: theme.active === true }))
}

/**
 * The theme as Ghost Admin's "Download" gives it: a zip Ghost accepts back on upload.
 * @param check that the saved zip opens; run per attempt, so a cut zip is fetched again
 */
export function downloadTheme(
  client: GhostClient,
  name: string,
  file: string,
  check?: SavedCheck,
): Promise<SavedResponse> {
  return client.saveTo(`themes/${encodeURIComponent(name)}/download/`, file, {}, check)
}
