/**
 * `floor`: the same downloads as the action's, made by curl with no logic
 * of its own: what the server and loopback allow. Two phases, because a
 * client only learns the image, media and file URLs from the export:
 *   1. the Admin API files (export, members CSV, routes, redirects, themes),
 *   2. every file URL of the action's manifest,
 * each through `xargs -P <concurrency>`. A curl process takes a batch of
 * URLs over one kept-alive connection, as the action's agent does; one
 * process per URL would measure process start-up on two cores instead.
 *
 * `incremental floor` is the same with the previous backup's validators
 * (If-None-Match, If-Modified-Since) on every file request, as the action
 * sends them: what 1,000 "not modified" answers cost the server.
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { signAdminToken } from '../../ghost/index.js'
import type { BackupManifest, BenchContext } from '../context.js'
import type { Sample } from '../run/measure.js'
import { runTimed } from '../run/run-timed.js'
import { watchServer } from '../run/server-watch.js'

interface Fetch {
  url: string
  /** Relative to the output folder. */
  out: string
  headers: string[]
}

/** The manifest's sources, split into Admin API downloads and public files. */
export function floorRequests(context: BenchContext, manifest: BackupManifest, conditional: boolean) {
  const auth = `Authorization: Ghost ${signAdminToken(context.state.owner.token)}`
  const api: Fetch[] = []
  const files: Fetch[] = []
  for (const file of manifest.files) {
    if (!file.source) continue
    const url = new URL(file.source)
    if (url.href.startsWith(context.site.apiRoot)) {
      // The action asks for every member at once; so must the floor.
      if (url.pathname.endsWith('/members/upload/')) url.searchParams.set('limit', 'all')
      api.push({ url: url.href, out: file.path, headers: [auth] })
      continue
    }
    const headers: string[] = []
    if (conditional && file.etag) headers.push(`If-None-Match: ${file.etag}`)
    if (conditional && file.lastModified) headers.push(`If-Modified-Since: ${file.lastModified}`)
    files.push({ url: url.href, out: file.path, headers })
  }
  return { api, files }
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/**
 * Writes curl config files of `perBatch` transfers each, and the list of them for xargs.
 * `next` ends a transfer's own options (headers, output), so each is listed in full.
 */
function writeBatches(dir: string, name: string, fetches: Fetch[], perBatch: number, out: string): string {
  const configs: string[] = []
  for (let start = 0; start < fetches.length; start += perBatch) {
    const transfers = fetches
      .slice(start, start + perBatch)
      .map((fetch) =>
        [
          'fail',
          'create-dirs',
          ...fetch.headers.map((header) => `header = ${quote(header)}`),
          `url = ${quote(fetch.url)}`,
          `output = ${quote(join(out, fetch.out))}`,
        ].join('\n'),
      )
    const config = join(dir, `${name}-${configs.length}.cfg`)
    writeFileSync(config, `silent\nshow-error\n${transfers.join('\nnext\n')}\n`)
    configs.push(config)
  }
  const list = join(dir, `${name}.list`)
  writeFileSync(list, `${configs.join('\n')}\n`)
  return list
}

function folderBytes(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size
  }
  return total
}

export async function floorRun(context: BenchContext, manifest: BackupManifest, conditional = false): Promise<Sample> {
  const dir = join(context.work, 'floor')
  const out = join(dir, 'out')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const { api, files } = floorRequests(context, manifest, conditional)
  const apiList = writeBatches(dir, 'api', api, 1, out)
  // About four batches per worker: big enough to reuse connections, small enough to end together.
  const perBatch = Math.max(1, Math.ceil(files.length / (context.concurrency * 4)))
  const fileList = writeBatches(dir, 'files', files, perBatch, out)
  const xargs = (list: string) =>
    runTimed('xargs', ['-a', list, '-P', String(context.concurrency), '-n', '1', 'curl', '-K'])

  const { result, cpuMs } = await watchServer(context.site, async () => {
    const phase1 = await xargs(apiList)
    if (phase1.code !== 0) throw new Error(`curl (Admin API files) exited with ${phase1.code}: ${phase1.stderr}`)
    const phase2 = await xargs(fileList)
    if (phase2.code !== 0) throw new Error(`curl (site files) exited with ${phase2.code}: ${phase2.stderr}`)
    return [phase1, phase2] as const
  })
  const [phase1, phase2] = result
  return {
    wallMs: phase1.wallMs + phase2.wallMs,
    cpuMs: (phase1.cpuMs ?? 0) + (phase2.cpuMs ?? 0),
    serverCpuMs: cpuMs,
    extra: {
      apiMs: phase1.wallMs,
      filesMs: phase2.wallMs,
      requests: api.length + files.length,
      bytes: folderBytes(out),
    },
  }
}
