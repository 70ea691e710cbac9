import { createHash } from 'node:crypto'
import type { HttpTransport } from '../ghost/http.js'

/** What the site serves at a file's address: its status and, when it serves it, its digest. */
export interface ServedFile {
  status: number
  sha256?: string
}

const MAX_REDIRECTS = 5

/**
 * GETs a public file (no credentials, so a redirect to https or a CDN is followed) and
 * hashes it without keeping it: is the file at this path, with these bytes?
 */
export async function fetchServedFile(transport: HttpTransport, url: URL): Promise<ServedFile> {
  let current = url
  for (let hop = 0; ; hop++) {
    const response = await transport.request('GET', current, { Accept: '*/*' })
    const location = response.headers.location
    if (response.status >= 300 && response.status < 400 && location && hop < MAX_REDIRECTS) {
      response.body.resume()
      current = new URL(location, current)
      continue
    }
    if (response.status < 200 || response.status >= 300) {
      response.body.resume()
      return { status: response.status }
    }
    const hash = createHash('sha256')
    for await (const chunk of response.body as AsyncIterable<Buffer>) hash.update(chunk)
    return { status: response.status, sha256: hash.digest('hex') }
  }
}

/** The public address of `content/<kind>/<path>` on a site, each segment escaped. */
export function servedUrl(siteUrl: URL, kind: string, contentPath: string): URL {
  const escaped = contentPath.split('/').map(encodeURIComponent).join('/')
  return new URL(`content/${kind}/${escaped}`, siteUrl)
}
