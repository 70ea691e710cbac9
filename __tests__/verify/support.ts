import { createHash } from 'node:crypto'
import { cp, readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import type { Manifest } from '../../src/backup/manifest.js'
import { failureMessage } from '../../src/util/failure.js'
import { runVerifyCommand } from '../../src/cli/verify-command.js'
import { recordingLogger, tempDir } from '../support/run-fake-backup.js'
import { backUpFakeSite, type FakeSiteOptions } from './fake-site.js'

const made = new Map<string, Promise<string>>()

/**
 * A whole backup of the stand-in site, made once per test process and kind: tests damage
 * copies of it, never the backup itself.
 */
export function wholeBackup(inputs: Record<string, string> = {}, options: FakeSiteOptions = {}): Promise<string> {
  const key = JSON.stringify([inputs, options])
  if (!made.has(key)) {
    made.set(
      key,
      tempDir().then(async (parent) => {
        const dir = path.join(parent, 'backup')
        await backUpFakeSite(dir, inputs, options)
        return dir
      }),
    )
  }
  return made.get(key)!
}

/** A fresh copy of a backup to damage. */
export async function copyOf(backup: string): Promise<string> {
  const dir = path.join(await tempDir(), 'copy')
  await cp(backup, dir, { recursive: true })
  return dir
}

export async function editManifest(dir: string, edit: (manifest: Manifest) => void): Promise<void> {
  const file = path.join(dir, 'manifest.json')
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest
  edit(manifest)
  await writeFile(file, JSON.stringify(manifest, null, 2))
}

export interface VerifyRun {
  code: number
  /** Every line printed on stdout but the summary: one per problem. */
  problems: string[]
  summary: string
  /** What went to the logger (stderr in the CLI). */
  log: string[]
}

/**
 * Runs `ghost-backup verify` in-process, catching what it writes to stdout. Only strings
 * are caught: the test runner's own reports (buffers) still pass through.
 */
export async function runVerify(argv: string[]): Promise<VerifyRun> {
  const logger = recordingLogger()
  const written: string[] = []
  const write = process.stdout.write
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') {
      written.push(chunk)
      return true
    }
    return (write as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest)
  }) as typeof process.stdout.write
  let code: number
  try {
    // As the CLI runs it: a thrown error becomes one 'error:' line and exit code 1.
    code = await runVerifyCommand(argv, {}, logger).catch((error: unknown) => {
      logger.info(`error: ${failureMessage(error)}`)
      return 1
    })
  } finally {
    process.stdout.write = write
  }
  const lines = written.join('').split('\n').filter(Boolean)
  return { code, problems: lines.slice(0, -1), summary: lines.at(-1) ?? '', log: logger.lines }
}

/**
 * Records a changed file's new size and sha256 in the manifest, as if the backup had been
 * made that way: isolates the deeper check (is it Ghost's CSV?) from the file check.
 */
export async function resign(dir: string, relative: string): Promise<void> {
  const bytes = await readFile(path.join(dir, relative))
  await editManifest(dir, (manifest) => {
    const entry = manifest.files.find((file) => file.path === relative)!
    entry.size = bytes.length
    entry.sha256 = createHash('sha256').update(bytes).digest('hex')
  })
}

/** Replaces a backup file's bytes and, with `resigned`, its manifest entry too. */
export async function replaceFile(dir: string, relative: string, body: string | Buffer, resigned = false) {
  await writeFile(path.join(dir, relative), body)
  if (resigned) await resign(dir, relative)
}
