/**
 * `incremental`: the action run again with the same 'path', which holds the
 * previous backup of the unchanged site. Bytes are counted from Ghost's
 * request log: a file answered 200 came over the wire (its size is in the
 * manifest), one answered 304 was kept from the previous backup.
 */
import { type BenchContext, readManifest, tokenInputs } from '../context.js'
import type { Sample } from '../run/measure.js'
import { phasesOf } from '../run/phases.js'
import { failure, runAction } from '../run/run-action.js'
import { watchServer } from '../run/server-watch.js'

export async function incrementalBackup(context: BenchContext, path: string): Promise<Sample> {
  const {
    result: run,
    requests,
    cpuMs,
  } = await watchServer(context.site, () => runAction(context.bundle, tokenInputs(context, path)))
  if (run.code !== 0) throw failure('the action (incremental)', run)
  const manifest = readManifest(path)
  const sizeByPath = new Map(
    manifest.files.filter((f) => f.source).map((f) => [decodeURIComponent(new URL(f.source!).pathname), f.size]),
  )
  const contentPrefix = new URL('content/', context.site.url).pathname
  const counted = { mediaDownloaded: 0, mediaNotModified: 0, mediaBytes: 0, apiBytes: 0 }
  for (const request of requests) {
    if (request.method !== 'GET') continue
    const pathname = decodeURIComponent(request.path.split('?')[0]!)
    const size = sizeByPath.get(pathname) ?? 0
    if (pathname.startsWith(contentPrefix)) {
      if (request.status === 304) counted.mediaNotModified++
      if (request.status === 200) {
        counted.mediaDownloaded++
        counted.mediaBytes += size
      }
    } else if (request.status === 200) counted.apiBytes += size
  }
  return {
    wallMs: run.wallMs,
    rssBytes: run.rssBytes,
    cpuMs: run.cpuMs,
    serverCpuMs: cpuMs,
    extra: { ...counted, downloadedBytes: counted.apiBytes + counted.mediaBytes, requests: requests.length },
    phases: phasesOf(run),
  }
}
