import { invalidInput, InputError } from './input-error.js'

const EXAMPLE = 'a URL such as https://example.com or https://example.com/blog/'

/**
 * Normalises a site or admin URL as users type it. People paste the address bar of
 * Ghost Admin (`https://example.com/ghost/#/dashboard`), so a trailing `/ghost` is the
 * admin path, not part of the site.
 */
export function parseSiteUrl(name: string, raw: string): URL {
  const value = raw.trim()
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw invalidInput(name, value, `${EXAMPLE}, starting with https://`)
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalidInput(name, value, EXAMPLE)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidInput(name, value, `an http:// or https:// URL, ${EXAMPLE}`)
  }
  if (url.username || url.password) {
    throw new InputError(
      `Invalid '${name}': it carries a user name or password. Put credentials in 'staff-token' (or 'username' and 'password') instead.`,
    )
  }
  url.search = ''
  url.hash = ''
  url.pathname = url.pathname.replace(/\/ghost(\/.*)?$/, '/')
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url
}

/** True for names that only ever reach this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

/** The admin API root: `<admin origin><subdirectory>/ghost/api/admin/`. */
export function adminApiRoot(adminUrl: URL): URL {
  return new URL('ghost/api/admin/', adminUrl)
}
