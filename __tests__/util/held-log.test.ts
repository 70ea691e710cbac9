import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { HeldLog } from '../../src/util/held-log.js'
import type { Logger } from '../../src/util/logger.js'

/** A logger that records what reaches it, groups included. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (message) => void lines.push(`info ${message}`),
    warning: (message) => void lines.push(`warning ${message}`),
    debug: (message) => void lines.push(`debug ${message}`),
    async group(name, fn) {
      lines.push(`group ${name}`)
      const result = await fn()
      lines.push('end')
      return result
    },
    setSecret: (secret) => void lines.push(`secret ${secret}`),
  }
}

describe('HeldLog', () => {
  it('holds lines until printed, then prints them in one group, in order', async () => {
    const logger = recordingLogger()
    const held = new HeldLog(logger)
    held.info('one')
    await held.group('inner', async () => held.warning('two'))
    held.debug('three')
    assert.deepEqual(logger.lines, [])
    await held.print('Members')
    assert.deepEqual(logger.lines, ['group Members', 'info one', 'warning two', 'debug three', 'end'])
  })

  it('passes secrets on at once, before any held line is printed', () => {
    const logger = recordingLogger()
    new HeldLog(logger).setSecret('s3cret')
    assert.deepEqual(logger.lines, ['secret s3cret'])
  })
})
