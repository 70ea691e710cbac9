// Runs verifyBackup in a child process, for tests that measure its memory: prints the report as JSON.
import { verifyBackup } from '../../src/verify/verify-backup.js'

process.stdout.write(JSON.stringify(await verifyBackup(process.argv[2]!)))
