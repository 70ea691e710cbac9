/**
 * The benchmark's Ghost site, seeded once and kept: its run folder (and so
 * its database and content/) lives under ~/.cache/ghost-backup-action/
 * bench-<version>/ beside a state file with the Owner's credentials, so a
 * second `npm run bench` starts it in seconds instead of seeding again.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  adminRequest,
  createStaff,
  GHOST_VERSIONS,
  startGhost,
  type GhostMajor,
  type GhostSite,
} from '../../ghost/index.js'
import { cacheRoot, log, secondsSince } from '../../ghost/util.js'
import { seedLargeSite, type SeededSite } from './seed-large.js'
import type { SiteSize } from './site-size.js'

/** Bump when the seeded content changes, so cached sites are seeded again. */
const SEED_FORMAT = 1

export interface BenchState {
  seedFormat: number
  ghostVersion: string
  size: SiteSize
  owner: { email: string; password: string; token: string }
  seeded: SeededSite
  seededAt: string
  seedSeconds: number
}

export interface BenchSite {
  site: GhostSite
  state: BenchState
  dir: string
}

/**
 * Every run logs in with a password a few times (the action in content mode and
 * the Python script). Ghost allows 100 login requests an hour from one address
 * (global_block) before it refuses them all; a bench run must never be the one
 * that trips it, so this site allows far more. Failed logins are never made.
 */
const LOGIN_LIMITS = {
  spam__global_block__freeRetries: '1000000',
  spam__user_login__freeRetries: '1000000',
}

export function benchDir(major: GhostMajor, scale: number): string {
  const suffix = scale === 1 ? '' : `-scale-${scale}`
  return join(cacheRoot(), `bench-${GHOST_VERSIONS[major]}${suffix}`)
}

function readState(file: string, size: SiteSize): BenchState | undefined {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as BenchState
    const sameSize = JSON.stringify(state.size) === JSON.stringify(size)
    return state.seedFormat === SEED_FORMAT && sameSize ? state : undefined
  } catch {
    return undefined
  }
}

function start(major: GhostMajor, runDir: string): Promise<GhostSite> {
  // Request logging stays on for every measurement, so each one pays the same for it.
  return startGhost({ major, runDir, logRequests: true, env: LOGIN_LIMITS, bootTimeoutMs: 180_000 })
}

/** Starts the cached site, seeding it first when there is none (or `reseed`). */
export async function openBenchSite(
  major: GhostMajor,
  size: SiteSize,
  scale: number,
  reseed: boolean,
): Promise<BenchSite> {
  const dir = benchDir(major, scale)
  const stateFile = join(dir, 'state.json')
  const runDir = join(dir, 'site')
  const cached = reseed ? undefined : readState(stateFile, size)
  if (cached && existsSync(runDir)) {
    const site = await start(major, runDir)
    const me = await adminRequest(site, cached.owner.token, 'GET', 'users/me/')
    if (me.status === 200) return { site, state: cached, dir }
    await site.stop()
    log(`bench: the cached site in ${runDir} no longer takes its token (HTTP ${me.status}); seeding again`)
  }

  // A half-seeded site is worth nothing: the state file is written only once seeding is done.
  rmSync(stateFile, { force: true })
  rmSync(runDir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  log(`bench: seeding a new site in ${runDir} (a few minutes)`)
  const began = Date.now()
  const site = await start(major, runDir)
  try {
    const { owner } = await createStaff(site)
    const seeded = await seedLargeSite(site, owner.token, size)
    const state: BenchState = {
      seedFormat: SEED_FORMAT,
      ghostVersion: GHOST_VERSIONS[major],
      size,
      owner: { email: owner.email, password: owner.password, token: owner.token },
      seeded,
      seededAt: new Date().toISOString(),
      seedSeconds: Number(secondsSince(began)),
    }
    writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`)
    // It holds the Owner's password and token.
    chmodSync(stateFile, 0o600)
    log(`bench: site seeded in ${state.seedSeconds} s`)
    return { site, state, dir }
  } catch (err) {
    await site.stop()
    throw err
  }
}
