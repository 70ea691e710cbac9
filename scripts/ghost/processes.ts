/**
 * Keeps track of the Ghost servers this process started, so they can be
 * stopped politely one by one, and killed all at once when this process
 * exits (also on an uncaught error, SIGINT or SIGTERM): a crashed test run
 * must never leave Ghost servers behind.
 */
import type { ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { pollUntil } from './util.js'

/** Live servers, with the temp run folder to delete (undefined when the caller owns it). */
const running = new Map<ChildProcess, string | undefined>()
let exitHooksInstalled = false

/** Kills every started server and removes its temp folder, synchronously: safe in an exit handler. */
function killAllNow(): void {
  for (const [child, tempRunDir] of running) {
    if (!exited(child)) child.kill('SIGKILL')
    if (tempRunDir) rmSync(tempRunDir, { recursive: true, force: true })
  }
  running.clear()
}

function installExitHooks(): void {
  if (exitHooksInstalled) return
  exitHooksInstalled = true
  process.on('exit', killAllNow)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Listening replaces Node's default of exiting, so exit here ourselves.
    process.once(signal, () => {
      killAllNow()
      process.exit(signal === 'SIGINT' ? 130 : 143)
    })
  }
}

export function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

/** Registers a started server; `tempRunDir` is removed with it. */
export function track(child: ChildProcess, tempRunDir: string | undefined): void {
  installExitHooks()
  running.set(child, tempRunDir)
}

/** SIGTERM, wait for the exit with a deadline, then SIGKILL; removes the temp folder. */
export async function stopServer(child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  if (!exited(child)) {
    child.kill('SIGTERM')
    try {
      await pollUntil('Ghost to exit after SIGTERM', timeoutMs, () => (exited(child) ? true : undefined), 50)
    } catch {
      child.kill('SIGKILL')
      await pollUntil('Ghost to exit after SIGKILL', 10_000, () => (exited(child) ? true : undefined), 50)
    }
  }
  const tempRunDir = running.get(child)
  running.delete(child)
  if (tempRunDir) rmSync(tempRunDir, { recursive: true, force: true })
}
