/**
 * A lock shared between processes, so two test processes never install the
 * same Ghost version into the same folder at once. Creating a directory is
 * atomic, so whoever creates it owns the lock; the owner's PID is written
 * inside so a lock left behind by a killed process can be recognised and
 * taken over.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { log, pollUntil, processAlive } from './util.js'

/** A lock folder without an owner file yet is only considered stale after this long. */
const OWNERLESS_GRACE_MS = 30_000

function tryAcquire(lockDir: string): boolean {
  try {
    mkdirSync(lockDir)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  }
  writeFileSync(join(lockDir, 'owner'), `${process.pid} ${hostname()}\n`)
  return true
}

/** Removes the lock when its owner is gone; returns true when it did. */
function clearIfStale(lockDir: string): boolean {
  let owner: string
  try {
    owner = readFileSync(join(lockDir, 'owner'), 'utf8')
  } catch {
    // The owner may be between mkdir and writing its PID; give it a moment.
    try {
      if (Date.now() - statSync(lockDir).mtimeMs < OWNERLESS_GRACE_MS) return false
    } catch {
      return true // the lock vanished meanwhile
    }
    rmSync(lockDir, { recursive: true, force: true })
    return true
  }
  const [pidText, host] = owner.trim().split(' ')
  const pid = Number(pidText)
  // A PID is only meaningful on the machine that wrote it.
  if (host === hostname() && Number.isInteger(pid) && !processAlive(pid)) {
    log(`removing stale lock ${lockDir} left by PID ${pid}`)
    rmSync(lockDir, { recursive: true, force: true })
    return true
  }
  return false
}

/** Runs `work` while holding the lock at `lockDir`, waiting up to `timeoutMs` for it. */
export async function withLock<T>(lockDir: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lockDir), { recursive: true })
  let announced = false
  await pollUntil(
    `lock ${lockDir}`,
    timeoutMs,
    () => {
      if (tryAcquire(lockDir)) return true
      if (clearIfStale(lockDir) && tryAcquire(lockDir)) return true
      if (!announced) {
        log(`waiting for another process holding ${lockDir}`)
        announced = true
      }
      return undefined
    },
    500,
  )
  try {
    return await work()
  } finally {
    rmSync(lockDir, { recursive: true, force: true })
  }
}
