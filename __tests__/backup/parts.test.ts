import assert from 'node:assert/strict'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import type { Logger } from '../../src/util/logger.js'
import type { FakeGhost } from '../support/fake-ghost.js'
import { runFakeBackup, tempDir } from '../support/run-fake-backup.js'
import { startFakeSite } from '../verify/fake-site.js'

/** A logger that records lines and where each group opens and closes. */
function groupLogger(): Logger & { lines: string[]; secrets: string[] } {
  const lines: string[] = []
  return {
    lines,
    secrets: [],
    info: (message) => void lines.push(message),
    warning: (message) => void lines.push(`warning: ${message}`),
    debug: () => {},
    async group(name, fn) {
      lines.push(`[${name}]`)
      try {
        return await fn()
      } finally {
        lines.push(`[/${name}]`)
      }
    },
    setSecret: () => {},
  }
}

/** Whether `path` was asked for while the export was still held back. */
const asked = (ghost: FakeGhost, path: string) => ghost.requests.some((request) => request.path.endsWith(path))

describe('the parts of a backup', () => {
  it('fetches members, routes, redirects and themes while the content export is still coming', async () => {
    const ghost = await startFakeSite()
    const before: Record<string, boolean> = {}
    const answer = ghost.routeFor('GET', 'db/')!
    ghost.on('GET', 'db/', async (request, res) => {
      // Held until the other parts have asked, or a while: a backup that fetched them
      // only after the export would have asked for none of them by then.
      for (let waited = 0; waited < 3000; waited += 20) {
        if (
          ['members/upload/', 'settings/routes/yaml/', 'redirects/download/', 'themes/'].every((p) => asked(ghost, p))
        ) {
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      for (const part of ['members/upload/', 'settings/routes/yaml/', 'redirects/download/', 'themes/']) {
        before[part] = asked(ghost, part)
      }
      answer(request, res)
    })
    const logger = groupLogger()
    try {
      const result = await runFakeBackup(ghost.url, { include: 'all', path: path.join(await tempDir(), 'b') }, logger)
      assert.deepEqual(before, {
        'members/upload/': true,
        'settings/routes/yaml/': true,
        'redirects/download/': true,
        'themes/': true,
      })
      assert.equal(result.manifest.activeTheme, 'starter')
      assert.equal(result.manifest.counts.members, 3)
    } finally {
      await ghost.stop()
    }
    // Groups never interleave: those that ran beside the others print whole, after them.
    const groups = logger.lines.filter((line) => line.startsWith('['))
    assert.deepEqual(groups, [
      '[Content]',
      '[/Content]',
      '[Images, media and files]',
      '[/Images, media and files]',
      '[Members]',
      '[/Members]',
      '[Routes and redirects]',
      '[/Routes and redirects]',
      '[Themes]',
      '[/Themes]',
      '[Verify]',
      '[/Verify]',
    ])
    const members = logger.lines.indexOf('[Members]')
    assert.match(logger.lines[members + 1]!, /^Members: 3 \(\d+ bytes\)\.$/)
    assert.equal(logger.lines[members + 2], '[/Members]')
  })
})
