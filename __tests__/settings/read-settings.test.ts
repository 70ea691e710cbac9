import assert from 'node:assert/strict'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { readSettings } from '../../src/settings/read-settings.js'

const TOKEN = `${'a'.repeat(24)}:${'b'.repeat(64)}`
const source = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''
const read = (inputs: Record<string, string>) => readSettings(source(inputs), '/work')

describe('readSettings', () => {
  it('normalises the site URL and defaults the admin URL to it', () => {
    const settings = read({ url: 'https://example.com', 'staff-token': TOKEN })
    assert.equal(settings.siteUrl.href, 'https://example.com/')
    assert.equal(settings.adminUrl.href, 'https://example.com/')
    assert.equal(settings.path, path.resolve('/work', 'ghost-backup'))
    assert.equal(settings.retries, 4)
    assert.equal(settings.requestTimeoutMs, 60_000)
    assert.deepEqual(settings.credentials, {
      kind: 'staff-token',
      token: { id: 'a'.repeat(24), secret: 'b'.repeat(64) },
    })
  })

  for (const [typed, expected] of [
    ['https://example.com/blog', 'https://example.com/blog/'],
    ['https://example.com/blog/', 'https://example.com/blog/'],
    ['  https://example.com/blog/?ref=x#top ', 'https://example.com/blog/'],
    ['https://example.com/ghost/#/dashboard', 'https://example.com/'],
    ['https://example.com/blog/ghost/', 'https://example.com/blog/'],
    ['HTTPS://Example.COM', 'https://example.com/'],
  ]) {
    it(`reads '${typed}' as ${expected}`, () => {
      assert.equal(read({ url: typed!, 'staff-token': TOKEN }).siteUrl.href, expected)
    })
  }

  it('keeps a separate admin URL', () => {
    const settings = read({
      url: 'https://example.com',
      'admin-url': 'https://site.ghost.io/ghost/',
      'staff-token': TOKEN,
    })
    assert.equal(settings.adminUrl.href, 'https://site.ghost.io/')
    assert.equal(settings.siteUrl.href, 'https://example.com/')
  })

  it('reads username and password', () => {
    const settings = read({ url: 'https://example.com', username: 'me@example.com', password: 'correct horse' })
    assert.deepEqual(settings.credentials, { kind: 'password', username: 'me@example.com', password: 'correct horse' })
  })

  it('allows plain http to loopback hosts only', () => {
    for (const url of ['http://localhost:2368', 'http://127.0.0.1:2368/', 'http://[::1]:2368/']) {
      assert.equal(read({ url, 'staff-token': TOKEN }).siteUrl.protocol, 'http:')
    }
    assert.equal(
      read({ url: 'http://example.com', 'staff-token': TOKEN, 'allow-insecure-http': 'true' }).siteUrl.protocol,
      'http:',
    )
  })

  const failures: [string, Record<string, string>, RegExp][] = [
    ['no url', { 'staff-token': TOKEN }, /^Input 'url' is required\. Expected the site's URL/],
    [
      'a url without scheme',
      { url: 'example.com', 'staff-token': TOKEN },
      /^Invalid 'url' 'example\.com'\. Expected .*https:\/\//,
    ],
    [
      'an ftp url',
      { url: 'ftp://example.com', 'staff-token': TOKEN },
      /^Invalid 'url' 'ftp:\/\/example\.com'\. Expected an http/,
    ],
    [
      'a url with a password',
      { url: 'https://me:pw@example.com', 'staff-token': TOKEN },
      /^Invalid 'url': it carries a user name or password/,
    ],
    [
      'a broken admin-url',
      { url: 'https://example.com', 'admin-url': 'https://', 'staff-token': TOKEN },
      /^Invalid 'admin-url'/,
    ],
    ['no credentials', { url: 'https://example.com' }, /^No credentials: set 'staff-token'/],
    [
      'both credentials',
      { url: 'https://example.com', 'staff-token': TOKEN, username: 'a@b.c', password: 'x' },
      /^Set either 'staff-token' or 'username' and 'password', not both/,
    ],
    ['a password alone', { url: 'https://example.com', password: 'x' }, /^'password' is set but 'username' is empty/],
    [
      'a username alone',
      { url: 'https://example.com', username: 'a@b.c' },
      /^'username' is set but 'password' is empty/,
    ],
    [
      'a username that is not an email',
      { url: 'https://example.com', username: 'admin', password: 'x' },
      /^Invalid 'username' 'admin'\. Expected the staff user's email address/,
    ],
    [
      'a short token',
      { url: 'https://example.com', 'staff-token': 'abc:def' },
      /^Invalid 'staff-token'\. Expected the form <24 hex characters>:<64 hex characters>/,
    ],
    [
      'a token without colon',
      { url: 'https://example.com', 'staff-token': 'a'.repeat(88) },
      /^Invalid 'staff-token'\./,
    ],
    [
      'a token with non-hex',
      { url: 'https://example.com', 'staff-token': `${'g'.repeat(24)}:${'b'.repeat(64)}` },
      /^Invalid 'staff-token'\./,
    ],
    [
      'http to a remote host',
      { url: 'http://example.com', 'staff-token': TOKEN },
      /^Refusing plain http:\/\/ for 'url' http:\/\/example\.com/,
    ],
    [
      'http admin-url',
      { url: 'https://example.com', 'admin-url': 'http://admin.example.com', 'staff-token': TOKEN },
      /^Refusing plain http:\/\/ for 'admin-url'/,
    ],
    [
      'a bad boolean',
      { url: 'https://example.com', 'staff-token': TOKEN, 'allow-insecure-http': 'yes' },
      /^Invalid 'allow-insecure-http' 'yes'\. Expected true or false/,
    ],
    [
      'retries out of range',
      { url: 'https://example.com', 'staff-token': TOKEN, retries: '11' },
      /^Invalid 'retries' '11'\. Expected a whole number from 0 to 10/,
    ],
    [
      'a negative timeout',
      { url: 'https://example.com', 'staff-token': TOKEN, 'request-timeout': '-5' },
      /^Invalid 'request-timeout' '-5'\. Expected a whole number from 1 to 3600/,
    ],
  ]
  for (const [name, inputs, message] of failures) {
    it(`rejects ${name} with one clear message`, () => {
      assert.throws(
        () => read(inputs),
        (error: Error) => {
          assert.equal(error.name, 'InputError')
          assert.match(error.message, message)
          return true
        },
      )
    })
  }

  it('never repeats the token in its message', () => {
    const secret = `${'c'.repeat(24)}:${'d'.repeat(63)}`
    assert.throws(
      () => read({ url: 'https://example.com', 'staff-token': secret }),
      (error: Error) => {
        assert.ok(!error.message.includes('ccccccc'))
        assert.ok(!error.message.includes('ddddddd'))
        return true
      },
    )
  })
})
