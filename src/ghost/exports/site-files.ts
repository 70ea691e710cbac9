import { rename } from 'node:fs/promises'
import * as path from 'node:path'
import type { GhostClient, SavedResponse } from '../client.js'

export const ROUTES_FILE = 'routes.yaml'

/** `routes.yaml` exactly as Ghost Admin's "Download current routes" gives it. */
export function downloadRoutes(client: GhostClient, file: string): Promise<SavedResponse> {
  return client.saveTo('settings/routes/yaml/', file)
}

export interface SavedRedirects extends SavedResponse {
  /** `redirects.json` or `redirects.yaml`: whichever format the site stores. */
  name: string
}

/**
 * The redirects file under the name Ghost gives it: Ghost 5 keeps whichever of JSON or
 * YAML was uploaded, Ghost 6 always answers YAML. Restoring needs the same format back.
 */
export async function downloadRedirects(client: GhostClient, folder: string): Promise<SavedRedirects> {
  const partial = path.join(folder, '.redirects.partial')
  const saved = await client.saveTo('redirects/download/', partial)
  const name = redirectsName(saved.headers['content-disposition'], saved.headers['content-type'])
  await rename(partial, path.join(folder, name))
  return { ...saved, name }
}

export function redirectsName(disposition: string | undefined, contentType: string | undefined): string {
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '')?.[1]
  if (named && /^redirects\.(json|ya?ml)$/i.test(named)) return named.toLowerCase().replace(/\.yml$/, '.yaml')
  return /json/i.test(contentType ?? '') ? 'redirects.json' : 'redirects.yaml'
}
