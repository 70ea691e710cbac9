import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { forEachLimited } from '../../src/util/limit.js'

describe('forEachLimited', () => {
  it('never runs more than the limit at once, and runs everything', async () => {
    let running = 0
    let peak = 0
    const done: number[] = []
    await forEachLimited(
      Array.from({ length: 50 }, (_, i) => i),
      4,
      async (item) => {
        running++
        peak = Math.max(peak, running)
        await new Promise((resolve) => setImmediate(resolve))
        done.push(item)
        running--
      },
    )
    assert.equal(peak, 4)
    assert.equal(done.length, 50)
  })

  it('pulls items lazily from the iterator', async () => {
    let pulled = 0
    function* items() {
      for (let i = 0; i < 1000; i++) {
        pulled++
        yield i
      }
    }
    await assert.rejects(
      forEachLimited(items(), 2, async (item) => {
        if (item === 3) throw new Error('stop')
      }),
      /stop/,
    )
    assert.ok(pulled < 10, `pulled ${pulled}`)
  })
})
