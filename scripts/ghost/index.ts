/**
 * The real-Ghost test harness: install pinned Ghost releases, start
 * servers, create staff and seed content. Test files import from here.
 */
import { createStaff, type Staff } from './staff.js'
import { seedSite, type SeedResult } from './seed.js'
import { startGhost, type GhostSite, type StartGhostOptions } from './site.js'

export { adminOrigin, adminRequest, expectStatus, isAdminKey, passwordLogin, signAdminToken } from './admin-api.js'
export type { AdminResponse, ApiTarget, Credential, LoginResult } from './admin-api.js'
export { installGhost, type GhostInstall } from './install.js'
export { createStaff, type Staff, type StaffUser } from './staff.js'
export { seedSite, ROUTES_YAML, type SeedResult } from './seed.js'
export type { SeededMember, SeededPost } from './seed-content.js'
export { contentPathFromUrl, sha256, type SeededUpload, type UploadKind } from './seed-uploads.js'
export { parseRequestLog, type LoggedRequest } from './ghost-log.js'
export { freePort, startGhost, type GhostSite, type StartGhostOptions } from './site.js'
export { GHOST6_NODE_VERSION, GHOST6_PNPM_VERSION, GHOST_VERSIONS, type GhostMajor } from './versions.js'

/**
 * Whether tests against a real Ghost run. They run by default; a developer
 * can skip them with GHOST_TESTS=0, but never on CI (CI=true), where a Ghost
 * that fails to install or start must fail the tests instead.
 */
export function realGhostTestsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CI === 'true') return true
  return env.GHOST_TESTS !== '0'
}

export interface SeededGhost {
  site: GhostSite
  staff: Staff
  seed: SeedResult
}

/** Starts a site, creates its staff and seeds it; stops the site if any step fails. */
export async function startSeededGhost(options: StartGhostOptions): Promise<SeededGhost> {
  const site = await startGhost(options)
  try {
    const staff = await createStaff(site)
    const seed = await seedSite(site, staff)
    return { site, staff, seed }
  } catch (err) {
    await site.stop()
    throw err
  }
}
