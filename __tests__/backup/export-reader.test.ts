import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ExportReadError, readExport, type ExportProblem } from '../../src/backup/export-reader.js'

interface Walk {
  meta: unknown[]
  tables: [string, boolean][]
  rows: [string, unknown][]
}

function walk(bytes: Buffer): Walk {
  const seen: Walk = { meta: [], tables: [], rows: [] }
  readExport(bytes, {
    meta: (meta) => seen.meta.push(meta),
    table: (name, isList) => seen.tables.push([name, isList]),
    row: (table, row) => seen.rows.push([table, row]),
  })
  return seen
}

/** What the reader should report, worked out from JSON.parse of the whole text. */
function expected(bytes: Buffer): Walk {
  const first = JSON.parse(bytes.toString('utf8')).db[0]
  const data: Record<string, unknown> = first.data ?? {}
  return {
    meta: 'meta' in first ? [first.meta] : [],
    tables: Object.entries(data).map(([name, value]) => [name, Array.isArray(value)]),
    rows: Object.entries(data).flatMap(([name, value]) =>
      Array.isArray(value) ? value.map((row): [string, unknown] => [name, row]) : [],
    ),
  }
}

function problemOf(bytes: Buffer | string): ExportProblem {
  try {
    readExport(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), {})
  } catch (error) {
    assert.ok(error instanceof ExportReadError, `not an ExportReadError: ${error}`)
    assert.equal(error.name, 'ExportReadError')
    assert.ok(error.message.length > 0)
    return error.problem
  }
  assert.fail('read without an error')
}

const lexical = JSON.stringify({
  root: {
    children: [{ type: 'paragraph', children: [{ text: 'a "quoted" {brace} [bracket] \\ end\\' }] }],
    type: 'root',
  },
})

const meta = { exported_on: 1796419624289, version: '6.65.0' }

const data = {
  posts: [
    {
      id: '64f0a1',
      title: 'Héllo wörld 🎉',
      html: '<p class="intro">He said "hi" to <a href="https://x.test/?a=1&b=[2]">{them}</a></p><p>\\"</p>',
      lexical,
      path: 'C:\\',
      share: 'C:\\\\',
      featured: false,
      published: true,
      count: 42,
      ratio: -1.5e3,
      feature_image: null,
      tags: [],
      nested: { a: [1, { b: ['}', ']', '"'] }] },
    },
    { id: '64f0a2', title: 'Ελληνικά', html: '<p></p>', lexical: null, featured: true, count: 0 },
  ],
  posts_tags: [],
  tags: [{ id: 't1', name: '日本語タグ', slug: 'nihongo' }],
  numbers: [1, -2.5, 3e10, true, false, null, 'str', [], {}],
  custom_theme_settings: { not: 'a list' },
  nothing: null,
  settings: [{ key: 'title', value: 'Ünïcödé 👩‍💻' }],
}

const ghostLike = { db: [{ meta, data }] }
const compact = Buffer.from(JSON.stringify(ghostLike))
const pretty = Buffer.from(JSON.stringify(ghostLike, null, 2))

describe('readExport', () => {
  it('gives what JSON.parse of the whole gives, compact and pretty-printed', () => {
    for (const bytes of [compact, pretty]) {
      const seen = walk(bytes)
      assert.deepEqual(seen, expected(bytes))
      assert.deepEqual(seen.meta, [meta])
      assert.deepEqual(
        seen.tables.map(([name]) => name),
        Object.keys(data),
      )
      assert.deepEqual(
        seen.tables.find(([name]) => name === 'custom_theme_settings'),
        ['custom_theme_settings', false],
      )
      assert.equal(seen.rows.filter(([table]) => table === 'posts').length, 2)
      assert.equal(seen.rows.length, 2 + 1 + 9 + 1)
      const [, first] = seen.rows[0] as [string, (typeof data.posts)[0]]
      assert.equal(first.lexical, lexical)
      assert.equal(first.path, 'C:\\')
      assert.equal(first.share, 'C:\\\\')
    }
  })

  it('takes the keys in any order, with extra keys and more than one db element', () => {
    const variants = [
      { db: [{ data, meta }] },
      { before: { db: [1] }, db: [{ extra: [{ data: 1 }], data, meta }], after: ['{', 2] },
      {
        db: [
          { meta, data },
          { meta: { version: 'other' }, data: { posts: [{ id: 'not me' }] } },
        ],
      },
      { db: [{ meta }] },
      { db: [{ data }] },
      { db: [{}] },
    ]
    for (const variant of variants) {
      for (const bytes of [Buffer.from(JSON.stringify(variant)), Buffer.from(JSON.stringify(variant, null, '\t'))]) {
        assert.deepEqual(walk(bytes), expected(bytes))
      }
    }
    assert.deepEqual(walk(Buffer.from(JSON.stringify({ db: [{ data, meta }] }))).meta, [meta])
    assert.deepEqual(walk(Buffer.from(JSON.stringify({ db: [{}] }))), { meta: [], tables: [], rows: [] })
  })

  it('decodes escapes in keys and allows CR and tab between tokens', () => {
    const text = '\r\n{\t"\\u0064b" :\r[ {"da\\u0074a":{"po\\u0073ts":[ {"a":1} , {"b":2}\n]\n}}\t]}\r\n'
    assert.deepEqual(walk(Buffer.from(text)), {
      meta: [],
      tables: [['posts', true]],
      rows: [
        ['posts', { a: 1 }],
        ['posts', { b: 2 }],
      ],
    })
  })

  it('accepts a BOM at the start', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), compact])
    assert.deepEqual(walk(bytes), expected(compact))
  })

  it('says cut-short for every truncation, having handed out only whole rows', () => {
    const small = {
      db: [
        {
          meta,
          data: {
            posts: data.posts,
            posts_tags: [],
            tags: data.tags,
            numbers: [12345, true, null, 'x'],
            custom_theme_settings: 3.25,
            flag: false,
          },
        },
      ],
    }
    for (const full of [Buffer.from(JSON.stringify(small)), Buffer.from(JSON.stringify(small, null, 2))]) {
      const all = expected(full).rows
      let checked = 0
      for (let length = 1; length < full.length; length++) {
        const prefix = full.subarray(0, length)
        if (prefix.toString('utf8').trim() === '') continue
        const rows: [string, unknown][] = []
        let problem: ExportProblem | undefined
        try {
          readExport(prefix, { row: (table, row) => rows.push([table, row]) })
        } catch (error) {
          assert.ok(error instanceof ExportReadError)
          problem = error.problem
        }
        assert.equal(problem, 'cut-short', `length ${length} of ${full.length}: ${prefix.toString('utf8')}`)
        assert.deepEqual(rows, all.slice(0, rows.length))
        checked++
      }
      assert.equal(checked, full.length - 1)
    }
  })

  it('says cut-short with the byte where the JSON stops', () => {
    const cut = compact.subarray(0, 100)
    assert.throws(
      () => readExport(cut, {}),
      (error: unknown) => error instanceof ExportReadError && /ends part-way/.test(error.message),
    )
  })

  it('says not-json for text that is not JSON', () => {
    const cases = [
      '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>',
      '',
      '   \n ',
      'garbage',
      JSON.stringify(ghostLike) + 'garbage',
      JSON.stringify(ghostLike) + '}',
      '{"db":[{"data":{"posts":[{"a":1,}]}}]}',
      '{"db":[{"data":{"posts":[{"a":1},]}}]}',
      '{"db":[{"data":{"posts":[{"a":1}}}]}',
      '{"db":[{"meta":{"version":x},"data":{}}]}',
      '{"db":[{"data":{"posts":[{"a":1}],}}]}',
      '{"db" [{}]}',
      "{'db':[{}]}",
      '{"db":[{"data":{"posts":[tru]}}]}',
      '{"db":[{"data":{"posts":[1 2]}}]}',
      '{"x":"bad \\q escape","db":[{}]}',
      '{"db":[{"data":{"po\\qsts":[]}}]}',
    ]
    for (const text of cases) assert.equal(problemOf(text), 'not-json', text)
    assert.equal(problemOf(Buffer.alloc(0)), 'not-json')
  })

  it('says shape for JSON that is not an export', () => {
    const cases = [
      '[]',
      '[{"db":[]}]',
      '{}',
      '{"x":1}',
      '{"db":{}}',
      '{"db":null}',
      '{"db":[]}',
      '{"db":[1]}',
      '{"db":[[]]}',
      '{"db":[{"data":[]}]}',
      '{"db":[{"data":null}]}',
      '{"db":[{"data":"posts"}]}',
      '{"db":[{}],"db":[{}]}',
      '{"db":[{"data":{},"data":{}}]}',
      '{"db":[{"meta":{},"meta":{}}]}',
    ]
    for (const text of cases) assert.equal(problemOf(text), 'shape', text)
  })

  it('names the part that has the wrong shape', () => {
    assert.throws(() => readExport(Buffer.from('{"db":[{"data":[]}]}'), {}), {
      name: 'ExportReadError',
      problem: 'shape',
      message: 'db[0].data is not an object',
    })
    assert.throws(() => readExport(Buffer.from('{"x":1}'), {}), { problem: 'shape', message: 'there is no db key' })
  })

  it('walks a 25 MB export row for row like JSON.parse', () => {
    const paragraph =
      '<p class="body">Grüße aus Köln — “smart quotes”, a "plain" quote, {braces} and [brackets] 🎈 ' +
      'path C:\\\\temp\\\\ and a tail backslash \\</p>\n'
    const posts = Array.from({ length: 3000 }, (_, i) => ({
      id: `post-${i}`,
      title: `Post ${i} — ${'ü'.repeat(i % 7)}`,
      html: `<h2 id="h${i}">${i}</h2>` + paragraph.repeat(55 + (i % 10)),
      lexical: JSON.stringify({ root: { children: [{ text: `row ${i} "x" {y}` }] } }),
      status: i % 3 ? 'published' : 'draft',
      featured: i % 2 === 0,
      feature_image: null,
    }))
    const big = Buffer.from(
      JSON.stringify({
        db: [{ meta, data: { posts, posts_tags: posts.map((p, i) => ({ post_id: p.id, tag_id: `t${i % 9}` })) } }],
      }),
    )
    assert.ok(big.length > 24_000_000, `only ${big.length} bytes`)

    const whole = JSON.parse(big.toString('utf8')).db[0].data
    let count = 0
    let htmlLength = 0
    const picked: unknown[] = []
    readExport(big, {
      row: (table, row) => {
        if (table !== 'posts') return
        const post = row as (typeof posts)[0]
        if (count % 997 === 0) picked.push(post)
        htmlLength += post.html.length
        count++
      },
    })
    assert.equal(count, whole.posts.length)
    assert.equal(
      htmlLength,
      whole.posts.reduce((sum: number, post: { html: string }) => sum + post.html.length, 0),
    )
    assert.deepEqual(
      picked,
      whole.posts.filter((_: unknown, i: number) => i % 997 === 0),
    )
  })
})
