/**
 * Runs a command to its exit and measures it from the outside: wall time
 * from spawn to exit, and (through /usr/bin/time -v, or a Node hook where
 * that is missing) the peak resident set size and CPU time of the process.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Mark, type RssPoint, Timeline } from './timeline.js'

const GNU_TIME = '/usr/bin/time'
const RSS_HOOK = fileURLToPath(new URL('./max-rss-hook.mjs', import.meta.url))

export interface TimedRun {
  code: number
  wallMs: number
  /** Peak resident set size of the measured process, when it could be read. */
  rssBytes?: number
  /** User + system CPU time of the measured process. */
  cpuMs?: number
  stdout: string
  stderr: string
  /** With `marks`: when each matching stdout line came, and RSS over time. */
  marks?: Mark[]
  rssTimeline?: RssPoint[]
}

export interface TimedOptions {
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Watch RSS over time and note when stdout lines matching this came. */
  marks?: RegExp
}

/** Only the end of a chatty output is ever needed (for error messages). */
const KEEP = 200_000

function parseGnuTime(text: string): Pick<TimedRun, 'rssBytes' | 'cpuMs'> {
  const number = (label: string): number | undefined => {
    const match = new RegExp(`${label}: ([0-9.]+)`).exec(text)
    return match ? Number(match[1]) : undefined
  }
  const rssKb = number('Maximum resident set size \\(kbytes\\)')
  const user = number('User time \\(seconds\\)')
  const system = number('System time \\(seconds\\)')
  return {
    rssBytes: rssKb === undefined ? undefined : rssKb * 1024,
    cpuMs: user === undefined || system === undefined ? undefined : Math.round((user + system) * 1000),
  }
}

function parseHook(stderr: string): Pick<TimedRun, 'rssBytes' | 'cpuMs'> {
  const match = /bench-rss=(\d+) bench-cpu-us=(\d+)/.exec(stderr)
  return match ? { rssBytes: Number(match[1]), cpuMs: Math.round(Number(match[2]) / 1000) } : {}
}

export function runTimed(command: string, args: string[], options: TimedOptions = {}): Promise<TimedRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-time-'))
  const report = join(scratch, 'time.txt')
  const gnuTime = existsSync(GNU_TIME)
  const isNode = command === process.execPath
  const [cmd, argv] = gnuTime
    ? [GNU_TIME, ['-v', '-o', report, command, ...args]]
    : isNode
      ? [command, ['--import', RSS_HOOK, ...args]]
      : [command, args]
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint()
    const child = spawn(cmd, argv, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const timeline = options.marks ? new Timeline(began, options.marks) : undefined
    if (child.pid !== undefined) timeline?.start(child.pid, gnuTime)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      timeline?.output(text)
      stdout = (stdout + text).slice(-KEEP)
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-KEEP)))
    child.on('error', (err) => {
      timeline?.stop()
      rmSync(scratch, { recursive: true, force: true })
      reject(err)
    })
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - began) / 1e6
      timeline?.stop()
      const usage = gnuTime && existsSync(report) ? parseGnuTime(readFileSync(report, 'utf8')) : parseHook(stderr)
      rmSync(scratch, { recursive: true, force: true })
      const watched = timeline ? { marks: timeline.marks, rssTimeline: timeline.rss } : {}
      resolve({ code: code ?? 1, wallMs, ...usage, stdout, stderr, ...watched })
    })
  })
}
