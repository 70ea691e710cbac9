import * as path from 'node:path'
import { parseCredentials } from './credentials.js'
import { InputError } from './input-error.js'
import { INPUTS, type InputSource } from './inputs.js'
import { parseBoolean, parseInteger } from './parse.js'
import { parseParts, parseTables } from './parts.js'
import { readDestinations } from './read-destinations.js'
import { readEncryption } from './read-encryption.js'
import type { BackupSettings } from './settings.js'
import { isLoopbackHost, parseSiteUrl } from './site-url.js'

/** Applies action.yml's defaults, so the CLI and a bare `node dist/index.js` agree with the runner. */
export function withDefaults(source: InputSource): InputSource {
  return (name) => {
    const value = source(name)
    if (value.trim() !== '') return value
    const fallback = INPUTS.find((input) => input.name === name)?.default ?? ''
    // `${{ github.token }}` is the runner's to fill in; elsewhere it means "not set".
    return fallback.startsWith('${{') ? '' : fallback
  }
}

/**
 * Reads and checks every input once, before anything touches the network.
 * @param cwd folder a relative 'path' is resolved against (the workspace on a runner)
 */
export function readSettings(source: InputSource, cwd: string = process.cwd()): BackupSettings {
  const input = withDefaults(source)
  const rawUrl = input('url')
  if (!rawUrl.trim()) {
    throw new InputError("Input 'url' is required. Expected the site's URL, such as https://example.com.")
  }
  const siteUrl = parseSiteUrl('url', rawUrl)
  const rawAdmin = input('admin-url')
  const adminUrl = rawAdmin.trim() ? parseSiteUrl('admin-url', rawAdmin) : siteUrl
  const credentials = parseCredentials(input('staff-token'), input('username'), input('password'))

  const allowInsecureHttp = parseBoolean('allow-insecure-http', input('allow-insecure-http'))
  if (adminUrl.protocol === 'http:' && !isLoopbackHost(adminUrl.hostname) && !allowInsecureHttp) {
    const name = rawAdmin.trim() ? 'admin-url' : 'url'
    throw new InputError(
      `Refusing plain http:// for '${name}' ${adminUrl.origin}: the credentials would cross the network unencrypted. Use https://, or set 'allow-insecure-http: true' if you accept that.`,
    )
  }

  const folder = input('path').trim()
  return {
    siteUrl,
    adminUrl,
    credentials,
    path: path.resolve(cwd, folder),
    parts: parseParts(input('include'), input('exclude')),
    includeTables: parseTables(input('include-tables')),
    includeExternal: parseBoolean('include-external', input('include-external')),
    concurrency: parseInteger('concurrency', input('concurrency'), 1, 64),
    verify: parseBoolean('verify', input('verify')),
    destinations: readDestinations(input),
    githubToken: input('github-token').trim() || undefined,
    encryption: readEncryption(input('encryption-recipients'), input('encryption-passphrase')),
    allowPublicUnencrypted: parseBoolean('allow-public-unencrypted', input('allow-public-unencrypted')),
    previousPath: input('previous-path').trim() ? path.resolve(cwd, input('previous-path').trim()) : undefined,
    retries: parseInteger('retries', input('retries'), 0, 10),
    requestTimeoutMs: parseInteger('request-timeout', input('request-timeout'), 1, 3600) * 1000,
  }
}
