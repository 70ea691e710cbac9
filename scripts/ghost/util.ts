/**
 * Small helpers shared by the Ghost test harness: where the install cache
 * lives, progress logging, running a command, and polling with a deadline.
 */
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'

/** Installs live outside the repository so a fresh clone reuses them. */
export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'ghost-backup-action')
}

/** Progress goes to stderr so stdout stays free for results. */
export function log(message: string): void {
  process.stderr.write(`[ghost-harness] ${message}\n`)
}

export interface RunOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Append the command's output to this file instead of keeping it quiet. */
  logFile?: string
}

/**
 * Runs a command to completion and returns its stdout. On failure the error
 * carries the last lines of its output, which is usually where the reason is.
 */
export function runCommand(cmd: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const sink = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined
    sink?.write(`\n$ ${cmd} ${args.join(' ')}  (in ${options.cwd ?? process.cwd()})\n`)
    let stdout = ''
    let combined = ''
    const keep = (chunk: Buffer, isStdout: boolean): void => {
      const text = chunk.toString('utf8')
      if (isStdout) stdout += text
      // Only the tail matters for error messages; cap memory on chatty builds.
      combined = (combined + text).slice(-20_000)
      sink?.write(chunk)
    }
    child.stdout.on('data', (c: Buffer) => keep(c, true))
    child.stderr.on('data', (c: Buffer) => keep(c, false))
    child.on('error', (err) => {
      sink?.end()
      reject(err)
    })
    child.on('close', (code, signal) => {
      sink?.end()
      if (code === 0) {
        resolve(stdout)
        return
      }
      const tail = combined.split('\n').slice(-40).join('\n')
      reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail}`))
    })
  })
}

/**
 * Calls `check` until it returns a value other than undefined, or throws once
 * the deadline passes. The interval only paces the polling; readiness is
 * always decided by `check`, never by how long we waited.
 */
export async function pollUntil<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined> | T | undefined,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await delay(intervalMs)
  }
}

/** Seconds since `start` (a Date.now() value), for progress lines. */
export function secondsSince(start: number): string {
  return ((Date.now() - start) / 1000).toFixed(1)
}

/** True when a process with this PID exists (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM means it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
