import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { type BackupResult, runBackup } from '../../src/backup/run-backup.js'
import { createHttpTransport } from '../../src/ghost/http.js'
import { readSettings } from '../../src/settings/read-settings.js'
import type { Logger } from '../../src/util/logger.js'

export const TOKEN = `${'0123456789abcdef01234567'}:${'89abcdef'.repeat(8)}`

/** A logger that keeps what it was told, to assert on lines and on masked secrets. */
export function recordingLogger(): Logger & { lines: string[]; secrets: string[] } {
  const lines: string[] = []
  const secrets: string[] = []
  return {
    lines,
    secrets,
    info: (m) => void lines.push(m),
    warning: (m) => void lines.push(`warning: ${m}`),
    debug: () => {},
    group: (_name, fn) => fn(),
    setSecret: (s) => void secrets.push(s),
  }
}

const made: string[] = []
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

/** A fresh temporary folder, removed when the test process ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ghost-backup-test-'))
  made.push(dir)
  return dir
}

/** Runs the real backup core against `url` with no back-off delays; only the content part unless `include` says otherwise. */
export async function runFakeBackup(
  url: string,
  inputs: Record<string, string>,
  logger = recordingLogger(),
): Promise<BackupResult> {
  const settings = readSettings((name) => ({ url, 'staff-token': TOKEN, include: 'content', ...inputs })[name] ?? '')
  return runBackup(settings, {
    transport: createHttpTransport({ timeoutMs: settings.requestTimeoutMs }),
    retry: { retries: settings.retries, baseDelayMs: 0, maxDelayMs: 0, sleep: async () => {} },
    logger,
    now: () => new Date(),
  })
}
