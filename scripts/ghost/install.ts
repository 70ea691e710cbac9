/**
 * Installs a real Ghost 5 or 6 from the npm registry into a cache outside
 * the repository, the way Ghost-CLI would, so tests can start real servers.
 *
 * Run directly (`npx tsx scripts/ghost/install.ts`) to install both versions.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  installNode22Tools,
  LOCK_TIMEOUT_MS,
  MARKER,
  node20HeadersDir,
  readMarker,
  type Marker,
} from './install-tools.js'
import { withLock } from './lock.js'
import { cacheRoot, log, runCommand, secondsSince } from './util.js'
import { GHOST6_NODE_VERSION, GHOST_VERSIONS, type GhostMajor } from './versions.js'

export { installNode22Tools, type Node22Tools } from './install-tools.js'

export interface GhostInstall {
  major: GhostMajor
  version: string
  /** The unpacked `ghost` package with its node_modules. */
  dir: string
  /** The Node binary that runs this Ghost (Ghost 6 needs Node 22). */
  nodeBin: string
}

/** Downloads the package tarball and unpacks it straight into `dir`. */
async function unpackGhost(version: string, dir: string, logFile: string): Promise<void> {
  const downloads = join(cacheRoot(), 'downloads')
  mkdirSync(downloads, { recursive: true })
  const packed = await runCommand('npm', ['pack', `ghost@${version}`, '--json', '--pack-destination', downloads], {
    cwd: downloads,
    logFile,
  })
  const [info] = JSON.parse(packed) as Array<{ filename: string }>
  if (!info) throw new Error(`npm pack ghost@${version} reported nothing`)
  mkdirSync(dir, { recursive: true })
  await runCommand('tar', ['-xzf', join(downloads, info.filename), '-C', dir, '--strip-components=1'], { logFile })
  rmSync(join(downloads, info.filename), { force: true })
}

/**
 * Ghost 5's published package.json is written for yarn inside Ghost's
 * monorepo: its devDependencies point at GitHub tarballs and its pins live in
 * yarn `resolutions`. npm needs the pins as `overrides` and no dev tools.
 */
function adaptGhost5Manifest(dir: string): void {
  const file = join(dir, 'package.json')
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  delete manifest.devDependencies
  if (manifest.resolutions) {
    manifest.overrides = manifest.resolutions
    delete manifest.resolutions
  }
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`)
}

async function installDependencies(major: GhostMajor, dir: string, logFile: string): Promise<void> {
  if (major === 5) {
    adaptGhost5Manifest(dir)
    const env = { ...process.env, npm_config_nodedir: await node20HeadersDir() }
    await runCommand('npm', ['install', '--omit=dev', '--legacy-peer-deps', '--no-audit', '--no-fund'], {
      cwd: dir,
      env,
      logFile,
    })
    return
  }
  const tools = await installNode22Tools()
  // Node 22 first on PATH so every build script and node-gyp run uses it.
  const env = {
    ...process.env,
    PATH: `${dirname(tools.nodeBin)}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: tools.nodeDir,
    CI: 'true',
  }
  const store = join(cacheRoot(), 'pnpm-store')
  await runCommand(tools.pnpmBin, ['install', '--prod', '--frozen-lockfile', '--store-dir', store], {
    cwd: dir,
    env,
    logFile,
  })
}

function abiFor(major: GhostMajor): string {
  // Ghost 5 runs on whatever Node runs the harness; a different Node needs a rebuild.
  return major === 5 ? process.versions.modules : `node-${GHOST6_NODE_VERSION}`
}

/** One install per version and process, however many sites start at once. */
const pending = new Map<GhostMajor, Promise<GhostInstall>>()

/** Installs (or reuses) the pinned Ghost release for `major`. */
export function installGhost(major: GhostMajor): Promise<GhostInstall> {
  let install = pending.get(major)
  if (!install) {
    install = installOnce(major)
    // A failed attempt may be retried by a later call.
    install.catch(() => pending.delete(major))
    pending.set(major, install)
  }
  return install
}

async function installOnce(major: GhostMajor): Promise<GhostInstall> {
  const version = GHOST_VERSIONS[major]
  const dir = join(cacheRoot(), `ghost-${version}`)
  const wanted: Marker = { version, nodeModulesAbi: abiFor(major) }
  const done = (): boolean => {
    const marker = readMarker(dir)
    return marker?.version === wanted.version && marker.nodeModulesAbi === wanted.nodeModulesAbi
  }
  const nodeBin = major === 5 ? process.execPath : (await installNode22Tools()).nodeBin
  if (done()) return { major, version, dir, nodeBin }

  mkdirSync(cacheRoot(), { recursive: true })
  await withLock(`${dir}.lock`, LOCK_TIMEOUT_MS, async () => {
    if (done()) return
    const start = Date.now()
    const logFile = join(cacheRoot(), `install-ghost-${version}.log`)
    rmSync(logFile, { force: true })
    log(`installing Ghost ${version} into ${dir} (log: ${logFile})`)
    rmSync(dir, { recursive: true, force: true })
    await unpackGhost(version, dir, logFile)
    log(`Ghost ${version} unpacked, installing dependencies (${secondsSince(start)} s)`)
    await installDependencies(major, dir, logFile)
    writeFileSync(join(dir, MARKER), JSON.stringify(wanted))
    log(`Ghost ${version} installed (${secondsSince(start)} s)`)
  })
  return { major, version, dir, nodeBin }
}

async function main(): Promise<void> {
  const majors: GhostMajor[] = [5, 6]
  const results = await Promise.allSettled(
    majors.map(async (major) => {
      const start = Date.now()
      const install = await installGhost(major)
      console.log(`Ghost ${install.version} ready in ${install.dir} (${secondsSince(start)} s)`)
    }),
  )
  let failed = false
  results.forEach((result, i) => {
    if (result.status === 'rejected') {
      failed = true
      const reason = result.reason instanceof Error ? result.reason.message : String(result.reason)
      console.error(`Ghost ${GHOST_VERSIONS[majors[i] as GhostMajor]} failed to install: ${reason}`)
    }
  })
  process.exitCode = failed ? 1 : 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main()
}
