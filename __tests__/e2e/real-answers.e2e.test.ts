import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  adminRequest,
  createStaff,
  type GhostSite,
  passwordLogin,
  type Staff,
  startGhost,
} from '../../scripts/ghost/index.js'
import { type GhostAnswer, GHOST_ANSWERS } from '../support/ghost-answers.js'
import { MAJORS, realGhost } from '../support/real-ghost.js'

function assertAnswer(response: { status: number; json<T>(): T }, expected: GhostAnswer): void {
  const [error] = response.json<{ errors: Record<string, unknown>[] }>().errors
  const { status, ...fields } = expected
  assert.equal(response.status, status)
  for (const [name, value] of Object.entries(fields)) assert.equal(error![name], value, name)
}

describe("the stand-in's answers are real Ghost's", realGhost, () => {
  const sites = new Map<number, { site: GhostSite; staff: Staff }>()
  before(async () => {
    await Promise.all(
      MAJORS.map(async (major) => {
        const site = await startGhost({ major, deviceVerification: true })
        sites.set(major, { site, staff: await createStaff(site) })
      }),
    )
  })
  after(() => Promise.all([...sites.values()].map(({ site }) => site.stop())))

  for (const major of MAJORS) {
    describe(`Ghost ${major}`, () => {
      const target = () => sites.get(major)!

      it('device verification', async () => {
        const { site, staff } = target()
        assertAnswer(
          (await passwordLogin(site, staff.owner.email, staff.owner.password)).response,
          GHOST_ANSWERS.needs2fa,
        )
      })

      it('wrong password', async () => {
        const { site, staff } = target()
        assertAnswer(
          (await passwordLogin(site, staff.editor.email, 'Wrong-pass-1234')).response,
          GHOST_ANSWERS.wrongPassword,
        )
      })

      it('unknown user', async () => {
        assertAnswer(
          (await passwordLogin(target().site, 'nobody@example.com', 'Wrong-pass-1234')).response,
          GHOST_ANSWERS.unknownUser,
        )
      })

      it("export with an Editor's token and with an integration's key", async () => {
        const { site, staff } = target()
        assertAnswer(await adminRequest(site, staff.editor.token, 'GET', 'db/'), GHOST_ANSWERS.exportDenied)
        assertAnswer(await adminRequest(site, staff.integration.adminKey, 'GET', 'db/'), GHOST_ANSWERS.exportDenied)
      })

      it("an integration's /users/me/", async () => {
        const { site, staff } = target()
        assertAnswer(
          await adminRequest(site, staff.integration.adminKey, 'GET', 'users/me/?include=roles'),
          GHOST_ANSWERS.integrationHasNoUser,
        )
      })

      it('an unknown key', async () => {
        const key = `0123456789abcdef01234567:${'89abcdef'.repeat(8)}`
        assertAnswer(await adminRequest(target().site, key, 'GET', 'db/'), GHOST_ANSWERS.unknownKey)
      })
    })
  }
})
