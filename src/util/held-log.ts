import type { Logger } from './logger.js'

type Line = { level: 'info' | 'warning' | 'debug'; message: string }

/**
 * The log of work that runs beside other work. A runner's log groups cannot interleave,
 * so its lines are held and printed as one group once it is done. Secrets are passed on
 * at once: they must be masked before any line could show them.
 */
export class HeldLog implements Logger {
  private readonly lines: Line[] = []

  constructor(private readonly logger: Logger) {}

  info(message: string): void {
    this.lines.push({ level: 'info', message })
  }

  warning(message: string): void {
    this.lines.push({ level: 'warning', message })
  }

  debug(message: string): void {
    this.lines.push({ level: 'debug', message })
  }

  /** Groups cannot nest in a runner's log: the inner one's lines join this one's. */
  group<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return fn()
  }

  setSecret(secret: string): void {
    this.logger.setSecret(secret)
  }

  /** Prints what was held as the group `name`. */
  print(name: string): Promise<void> {
    return this.logger.group(name, async () => {
      for (const line of this.lines) this.logger[line.level](line.message)
    })
  }
}
