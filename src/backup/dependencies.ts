import { createHttpTransport } from '../ghost/http.js'
import type { BackupSettings } from '../settings/settings.js'
import type { Logger } from '../util/logger.js'
import { defaultRetryPolicy } from '../util/retry.js'
import type { BackupDependencies } from './run-backup.js'

/** The real network, clock and back-off, as both front doors use them. */
export function createBackupDependencies(settings: BackupSettings, logger: Logger): BackupDependencies {
  return {
    transport: createHttpTransport({ timeoutMs: settings.requestTimeoutMs }),
    retry: defaultRetryPolicy(settings.retries),
    logger,
    now: () => new Date(),
  }
}
