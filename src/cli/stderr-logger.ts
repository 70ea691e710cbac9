import type { Logger } from '../util/logger.js'

/** Progress on stderr (stdout stays for results), with registered secrets replaced by ***. */
export function createStderrLogger(write: (text: string) => void = (text) => process.stderr.write(text)): Logger {
  const secrets: string[] = []
  const mask = (text: string) => secrets.reduce((masked, secret) => masked.split(secret).join('***'), text)
  const line = (text: string) => write(`${mask(text)}\n`)
  return {
    info: line,
    warning: (message) => line(`warning: ${message}`),
    debug: (message) => {
      if (process.env.GHOST_BACKUP_DEBUG) line(`debug: ${message}`)
    },
    async group(name, fn) {
      line(name)
      return fn()
    },
    setSecret(secret) {
      // Longest first, so a secret that contains another is replaced whole.
      if (secret && !secrets.includes(secret)) secrets.push(secret)
      secrets.sort((a, b) => b.length - a.length)
    },
  }
}
