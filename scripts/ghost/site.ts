/**
 * Starts a real Ghost server on a free loopback port and stops it again.
 * Servers are registered in processes.ts, which kills them if this process
 * dies first.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseRequestLog, logTail, type LoggedRequest } from './ghost-log.js'
import { installGhost, type GhostInstall } from './install.js'
import { writeOfflineGuard } from './offline-guard.js'
import { exited, stopServer, track } from './processes.js'
import { normaliseSubdirectory, prepareRunDir } from './run-dir.js'
import { log, pollUntil, secondsSince } from './util.js'
import type { GhostMajor } from './versions.js'

export interface StartGhostOptions {
  major: GhostMajor
  /** Staff device verification (emailed login codes); off unless asked for. */
  deviceVerification?: boolean
  /** Serve the site under a path, e.g. '/blog'. */
  subdirectory?: string
  /** Serve admin (and so the Admin API) on this host name, same port. */
  adminHost?: string
  /** Log every request with its status (logging level info). */
  logRequests?: boolean
  /** Extra environment for Ghost, e.g. config overrides like `security__x=y`. */
  env?: Record<string, string>
  /** Reuse this run folder and its database; default is a fresh temp folder. */
  runDir?: string
  /** How long to wait for the server to answer; default 90 s. */
  bootTimeoutMs?: number
}

export interface GhostSite {
  major: GhostMajor
  /** The version as GET /site/ reports it. */
  version: string
  port: number
  /** Site URL with a trailing slash. */
  url: string
  /** Admin origin + subdirectory + '/'; equals `url` unless adminHost was given. */
  adminUrl: string
  /** `adminUrl` + 'ghost/api/admin/'. */
  apiRoot: string
  runDir: string
  contentDir: string
  pid: number
  /** Everything the server printed so far. */
  log(): string
  /** Requests Ghost logged so far; only filled when started with logRequests. */
  requests(): LoggedRequest[]
  stop(): Promise<void>
}

/** Asks the OS for a free port on 127.0.0.1 and releases it for Ghost. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))))
    })
  })
}

async function fetchSiteVersion(apiRoot: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${apiRoot}site/`, { signal: AbortSignal.timeout(5000) })
    if (res.status !== 200) return undefined
    const body = (await res.json()) as { site?: { version?: string } }
    return body.site?.version ?? ''
  } catch {
    return undefined // not listening yet
  }
}

interface Launched {
  child: ChildProcess
  version: string
  port: number
  output: () => string
}

/** Ghost could not listen because another process took the port after freePort() released it. */
function lostPortRace(output: string): boolean {
  return output.includes('EADDRINUSE')
}

/** Starts Ghost in a prepared run folder and waits until /site/ answers. */
async function launch(
  install: GhostInstall,
  runDir: string,
  tempRunDir: string | undefined,
  apiRootFor: (port: number) => string,
  prepare: (port: number) => void,
  options: StartGhostOptions,
): Promise<Launched> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    prepare(port)
    // Ghost reads its config from the working directory and its version from
    // the package.json next to `current/index.js`, so it must start from here.
    const guard = writeOfflineGuard(runDir)
    const child = spawn(install.nodeBin, ['--require', guard, 'current/index.js'], {
      cwd: runDir,
      env: { ...process.env, NODE_ENV: 'development', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    track(child, tempRunDir)
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    const apiRoot = apiRootFor(port)
    try {
      const version = await pollUntil(
        `Ghost ${install.version} to answer ${apiRoot}site/`,
        options.bootTimeoutMs ?? 90_000,
        async () => {
          if (exited(child)) throw new Error(`Ghost exited early (${child.signalCode ?? `exit ${child.exitCode}`})`)
          return fetchSiteVersion(apiRoot)
        },
      )
      return { child, version, port, output: () => output }
    } catch (err) {
      await stopServer(child)
      if (attempt < 3 && lostPortRace(output)) continue
      const reason = err instanceof Error ? err.message : String(err)
      throw new Error(`Ghost ${install.version} did not start: ${reason}\n--- log tail ---\n${logTail(output)}`)
    }
  }
}

export async function startGhost(options: StartGhostOptions): Promise<GhostSite> {
  const install = await installGhost(options.major)
  const subdirectory = normaliseSubdirectory(options.subdirectory)
  const tempRunDir = options.runDir ? undefined : mkdtempSync(join(tmpdir(), `ghost${options.major}-site-`))
  const runDir = options.runDir ?? (tempRunDir as string)
  const siteUrl = (port: number): string => `http://127.0.0.1:${port}${subdirectory}/`
  const adminUrlFor = (port: number): string =>
    options.adminHost ? `http://${options.adminHost}:${port}${subdirectory}/` : siteUrl(port)
  const prepare = (port: number): string =>
    prepareRunDir(install, runDir, {
      port,
      subdirectory,
      adminHost: options.adminHost,
      deviceVerification: options.deviceVerification ?? false,
      logRequests: options.logRequests ?? false,
    })

  const start = Date.now()
  let launched: Launched
  try {
    launched = await launch(
      install,
      runDir,
      tempRunDir,
      (port) => `${adminUrlFor(port)}ghost/api/admin/`,
      prepare,
      options,
    )
  } catch (err) {
    if (tempRunDir) rmSync(tempRunDir, { recursive: true, force: true })
    throw err
  }
  const { child, version, port, output } = launched
  const url = siteUrl(port)
  log(`Ghost ${version} up at ${url} (pid ${child.pid}, ${secondsSince(start)} s)`)

  let stopped: Promise<void> | undefined
  // A server that dies during the tests leaves only "connection refused" behind; its log says why.
  child.once('exit', (code, signal) => {
    if (stopped) return
    log(
      `Ghost ${version} at ${url} (pid ${child.pid}) exited unexpectedly (${signal ?? `exit ${code}`}); its log ends:\n${logTail(output())}`,
    )
  })
  return {
    major: options.major,
    version,
    port,
    url,
    adminUrl: adminUrlFor(port),
    apiRoot: `${adminUrlFor(port)}ghost/api/admin/`,
    runDir,
    contentDir: join(runDir, 'content'),
    pid: child.pid ?? -1,
    log: output,
    requests: () => parseRequestLog(output()),
    stop: () => {
      stopped ??= stopServer(child)
      return stopped
    },
  }
}
