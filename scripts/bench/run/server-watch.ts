/**
 * What the Ghost server did during one measured run: the requests it
 * logged (the site runs with request logging) and the CPU time it spent.
 */
import { readFileSync } from 'node:fs'
import { parseRequestLog, type GhostSite, type LoggedRequest } from '../../ghost/index.js'
import { pollUntil } from '../../ghost/util.js'

export interface ServerWindow {
  requests: LoggedRequest[]
  /** User + system CPU of the Ghost process, from /proc; undefined where there is no /proc. */
  cpuMs?: number
}

/** utime + stime of a process in ms (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms). */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces; count fields after its closing bracket.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return undefined
  }
}

let markers = 0

/**
 * Runs `work` and returns what Ghost logged meanwhile. Ghost writes a request's
 * line as it answers, so a marker request sent afterwards shows in the log only
 * once every earlier line is there: no guessing how long to wait.
 */
export async function watchServer<T>(site: GhostSite, work: () => Promise<T>): Promise<{ result: T } & ServerWindow> {
  const logBefore = site.log()
  const from = logBefore.lastIndexOf('\n') + 1
  const cpuBefore = processCpuMs(site.pid)
  const result = await work()
  const cpuAfter = processCpuMs(site.pid)
  const marker = `bench-marker=${process.pid}-${++markers}`
  await fetch(`${site.apiRoot}site/?${marker}`).then((res) => res.arrayBuffer())
  await pollUntil('Ghost to log the marker request', 10_000, () => (site.log().includes(marker) ? true : undefined), 20)
  const requests = parseRequestLog(site.log().slice(from)).filter((r) => !r.path.includes('bench-marker='))
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore
  return { result, requests, cpuMs }
}
