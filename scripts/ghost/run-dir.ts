/**
 * Lays out the folder a Ghost process runs in, the way Ghost-CLI does:
 * `current` points at the installed package, `content/` holds this site's
 * data, and `config.development.json` keeps the server offline and quiet.
 */
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { GhostInstall } from './install.js'

export interface SiteConfigOptions {
  port: number
  /** '' or a path like '/blog' (leading slash, no trailing slash). */
  subdirectory: string
  adminHost?: string
  deviceVerification: boolean
  logRequests: boolean
}

/** Normalises a user-given subdirectory like 'blog/' or '/blog' to '/blog'. */
export function normaliseSubdirectory(value: string | undefined): string {
  const trimmed = (value ?? '').replace(/^\/+|\/+$/g, '')
  return trimmed ? `/${trimmed}` : ''
}

export function siteConfig(install: GhostInstall, runDir: string, options: SiteConfigOptions): object {
  const contentDir = join(runDir, 'content')
  const config: Record<string, unknown> = {
    url: `http://127.0.0.1:${options.port}${options.subdirectory}/`,
    server: { host: '127.0.0.1', port: options.port },
    database: {
      // Ghost 6 only ships better-sqlite3; Ghost 5 only sqlite3.
      client: install.major === 5 ? 'sqlite3' : 'better-sqlite3',
      // Absolute: Ghost resolves relative paths against its package, which
      // every site shares.
      connection: { filename: join(contentDir, 'data', 'ghost.db') },
      useNullAsDefault: true,
    },
    paths: { contentPath: contentDir },
    // The stub transport "sends" mail into the log, so nothing leaves the machine.
    mail: { transport: 'stub' },
    // Tinfoil turns off every outbound call (gravatar, pings, update check).
    privacy: { useTinfoil: true },
    // Belt and braces: an update check that did run would hit a closed port.
    updateCheck: { url: 'http://127.0.0.1:9/' },
    security: { staffDeviceVerification: options.deviceVerification },
    // `info` logs one line per request with its status; `warn` keeps tests quiet.
    logging: { level: options.logRequests ? 'info' : 'warn', transports: ['stdout'] },
  }
  if (options.adminHost) {
    config.admin = { url: `http://${options.adminHost}:${options.port}/` }
  }
  return config
}

/**
 * Creates or refreshes the run folder. An existing `content/` (and so the
 * database) is kept, which is what lets a cached site restart quickly.
 */
export function prepareRunDir(install: GhostInstall, runDir: string, options: SiteConfigOptions): string {
  mkdirSync(runDir, { recursive: true })
  const current = join(runDir, 'current')
  // The install may have moved or been upgraded since this folder was made.
  rmSync(current, { force: true })
  symlinkSync(install.dir, current, 'dir')
  const contentDir = join(runDir, 'content')
  if (!existsSync(contentDir)) {
    cpSync(join(install.dir, 'content'), contentDir, { recursive: true })
  }
  mkdirSync(join(contentDir, 'data'), { recursive: true })
  const config = siteConfig(install, runDir, options)
  writeFileSync(join(runDir, 'config.development.json'), `${JSON.stringify(config, null, 2)}\n`)
  return contentDir
}
