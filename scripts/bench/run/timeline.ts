/**
 * Watches a running process from outside: its resident set size every few
 * milliseconds (from /proc), and when it printed lines of interest (the
 * action's `::group::` lines). Together they say which phase of a run took
 * the time and which one needed the memory.
 */
import { readFileSync } from 'node:fs'

export interface Mark {
  atMs: number
  text: string
}

export interface RssPoint {
  atMs: number
  rssBytes: number
}

const SAMPLE_EVERY_MS = 20

function readRss(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : undefined
  } catch {
    return undefined // not started yet, or gone
  }
}

/** The process to watch: `pid` itself, or its only child when `pid` is a wrapper such as /usr/bin/time. */
function measuredPid(pid: number, wrapped: boolean): number | undefined {
  if (!wrapped) return pid
  try {
    const child = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0]
    return child ? Number(child) : undefined
  } catch {
    return undefined
  }
}

export class Timeline {
  readonly marks: Mark[] = []
  readonly rss: RssPoint[] = []
  private timer: NodeJS.Timeout | undefined
  private pending = ''
  private target: number | undefined

  constructor(
    private readonly began: bigint,
    private readonly pattern: RegExp,
  ) {}

  private now(): number {
    return Number(process.hrtime.bigint() - this.began) / 1e6
  }

  start(pid: number, wrapped: boolean): void {
    this.timer = setInterval(() => {
      this.target ??= measuredPid(pid, wrapped)
      const rssBytes = this.target === undefined ? undefined : readRss(this.target)
      if (rssBytes !== undefined) this.rss.push({ atMs: this.now(), rssBytes })
    }, SAMPLE_EVERY_MS)
  }

  /** Output arrives in chunks; a line counts when it is whole. */
  output(chunk: string): void {
    const lines = (this.pending + chunk).split('\n')
    this.pending = lines.pop() ?? ''
    const atMs = this.now()
    for (const text of lines) if (this.pattern.test(text)) this.marks.push({ atMs, text })
  }

  stop(): void {
    clearInterval(this.timer)
  }
}
