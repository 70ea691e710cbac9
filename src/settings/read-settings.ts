import * as path from 'node:path'
import { parseCredentials } from './credentials.js'
import { InputError, invalidInput } from './input-error.js'
import { INPUTS, type InputSource } from './inputs.js'
import { parseParts, parseTables } from './parts.js'
import type { BackupSettings } from './settings.js'
import { isLoopbackHost, parseSiteUrl } from './site-url.js'

/** Applies action.yml's defaults, so the CLI and a bare `node dist/index.js` agree with the runner. */
export function withDefaults(source: InputSource): InputSource {
  return (name) => {
    const value = source(name)
    if (value.trim() !== '') return value
    return INPUTS.find((input) => input.name === name)?.default ?? ''
  }
}

export function parseBoolean(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase()
  if (value === 'true') return true
  if (value === 'false' || value === '') return false
  throw invalidInput(name, raw, 'true or false')
}

export function parseInteger(name: string, raw: string, min: number, max: number): number {
  const value = raw.trim()
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw invalidInput(name, raw, `a whole number from ${min} to ${max}`)
  }
  return Number(value)
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
    retries: parseInteger('retries', input('retries'), 0, 10),
    requestTimeoutMs: parseInteger('request-timeout', input('request-timeout'), 1, 3600) * 1000,
  }
}
