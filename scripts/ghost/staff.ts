/**
 * Creates the staff a backup test needs on a fresh site: the Owner, an
 * Administrator and an Editor (each with a staff access token), and a custom
 * integration with an Admin API key.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { adminRequest, expectStatus, passwordLogin, type ApiTarget } from './admin-api.js'
import { installNode22Tools } from './install.js'

export interface StaffUser {
  name: string
  email: string
  password: string
  /** The user's staff access token, `id:secret`. */
  token: string
  role: 'Owner' | 'Administrator' | 'Editor'
  /**
   * Cookie of the user's first (and only) password login. With device
   * verification on, a second login would need an emailed code, so keep this.
   */
  sessionCookie: string
}

export interface Staff {
  owner: StaffUser
  administrator: StaffUser
  editor: StaffUser
  integration: { name: string; adminKey: string }
}

export interface StaffTarget extends ApiTarget {
  contentDir: string
}

/** 10+ characters, random, and free of words Ghost refuses in passwords. */
function newPassword(): string {
  return `Tq7-${randomBytes(8).toString('hex')}-Zx`
}

/** Logs in for the first time and fetches the user's staff access token. */
async function firstLoginToken(
  site: ApiTarget,
  email: string,
  password: string,
): Promise<{ token: string; cookie: string }> {
  const login = await passwordLogin(site, email, password)
  if (login.status !== 201 || !login.cookie) {
    throw new Error(`first login of ${email} failed: HTTP ${login.status} ${login.response.text().slice(0, 500)}`)
  }
  const res = expectStatus(await adminRequest(site, login.cookie, 'GET', 'users/me/token/'), 200, `token of ${email}`)
  const { apiKey } = res.json<{ apiKey: { id: string; secret: string } }>()
  return { token: `${apiKey.id}:${apiKey.secret}`, cookie: login.cookie }
}

const execFileAsync = promisify(execFile)

/**
 * Reads the raw invite tokens straight from the site's SQLite file. Ghost
 * only ever emails them, and the stub mailer keeps mail on the server.
 * Node 22's built-in `node:sqlite` reads the files of both Ghost versions.
 */
async function readInviteTokens(contentDir: string): Promise<Map<string, string>> {
  const { nodeBin } = await installNode22Tools()
  const script = [
    "const { DatabaseSync } = require('node:sqlite');",
    'const db = new DatabaseSync(process.argv[1], { readOnly: true });',
    // Ghost may be writing at that moment: wait for its lock instead of failing at once.
    "db.exec('PRAGMA busy_timeout = 10000');",
    "console.log(JSON.stringify(db.prepare('SELECT email, token FROM invites').all()));",
  ].join('\n')
  const dbFile = join(contentDir, 'data', 'ghost.db')
  const { stdout } = await execFileAsync(nodeBin, ['--no-warnings', '-e', script, dbFile])
  const rows = JSON.parse(stdout) as Array<{ email: string; token: string }>
  return new Map(rows.map((row) => [row.email, row.token]))
}

/** Ghost expects the stored base64 token in its url-safe form. */
function urlSafeToken(token: string): string {
  return token.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

async function inviteUser(
  site: StaffTarget,
  ownerToken: string,
  roleId: string,
  role: 'Administrator' | 'Editor',
  name: string,
  email: string,
): Promise<StaffUser> {
  expectStatus(
    await adminRequest(site, ownerToken, 'POST', 'invites/', { invites: [{ email, role_id: roleId }] }),
    201,
    `invite ${email}`,
  )
  const raw = (await readInviteTokens(site.contentDir)).get(email)
  if (!raw) throw new Error(`no invite token stored for ${email}`)
  const password = newPassword()
  expectStatus(
    await adminRequest(site, null, 'POST', 'authentication/invitation/', {
      invitation: [{ token: urlSafeToken(raw), email, name, password }],
    }),
    200,
    `accept invite for ${email}`,
  )
  const { token, cookie } = await firstLoginToken(site, email, password)
  return { name, email, password, token, role, sessionCookie: cookie }
}

export async function createStaff(site: StaffTarget): Promise<Staff> {
  const ownerEmail = 'owner@example.com'
  const ownerPassword = newPassword()
  expectStatus(
    await adminRequest(site, null, 'POST', 'authentication/setup/', {
      setup: [{ name: 'Olivia Owner', email: ownerEmail, password: ownerPassword, blogTitle: 'Harness Blog' }],
    }),
    201,
    'owner setup',
  )
  const ownerLogin = await firstLoginToken(site, ownerEmail, ownerPassword)
  const owner: StaffUser = {
    name: 'Olivia Owner',
    email: ownerEmail,
    password: ownerPassword,
    token: ownerLogin.token,
    role: 'Owner',
    sessionCookie: ownerLogin.cookie,
  }

  const rolesRes = expectStatus(await adminRequest(site, owner.token, 'GET', 'roles/?permissions=assign'), 200, 'roles')
  const roles = rolesRes.json<{ roles: Array<{ id: string; name: string }> }>().roles
  const roleId = (name: string): string => {
    const found = roles.find((r) => r.name === name)
    if (!found) throw new Error(`role ${name} not assignable; got ${roles.map((r) => r.name).join(', ')}`)
    return found.id
  }
  // One after the other: each reads the invites table and logs in, and
  // serial keeps the login count and database writes predictable.
  const administrator = await inviteUser(
    site,
    owner.token,
    roleId('Administrator'),
    'Administrator',
    'Adam Admin',
    'admin@example.com',
  )
  const editor = await inviteUser(site, owner.token, roleId('Editor'), 'Editor', 'Edith Editor', 'editor@example.com')

  const integrationName = 'Backup Harness'
  const intRes = expectStatus(
    await adminRequest(site, owner.token, 'POST', 'integrations/?include=api_keys', {
      integrations: [{ name: integrationName }],
    }),
    201,
    'create integration',
  )
  const integration = intRes.json<{
    integrations: Array<{ api_keys: Array<{ id: string; type: string; secret: string }> }>
  }>().integrations[0]
  const key = integration?.api_keys.find((k) => k.type === 'admin')
  if (!key) throw new Error('integration has no admin key')
  // Some versions return the bare secret, others already `id:secret`.
  const adminKey = key.secret.includes(':') ? key.secret : `${key.id}:${key.secret}`
  return { owner, administrator, editor, integration: { name: integrationName, adminKey } }
}
