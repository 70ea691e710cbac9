import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ReferenceFinder, safeRelativePath } from '../../../src/backup/files/references.js'

const site = new URL('https://example.com/blog/')
const find = (value: unknown, others: URL[] = [new URL('https://admin.example.com/blog/')]) => {
  const finder = new ReferenceFinder(site, others)
  finder.scan(value)
  return finder.found
}
const paths = (value: unknown) =>
  [...find(value).files.values()].map((f) => `${f.part}/${f.path}${f.optional ? ' (optional)' : ''}`).sort()

describe('ReferenceFinder', () => {
  it('finds placeholders in html, with the original of each image', () => {
    assert.deepEqual(paths({ html: '<img src="__GHOST_URL__/content/images/2026/01/a.png" alt="">' }), [
      'images/2026/01/a.png',
      'images/2026/01/a_o.png (optional)',
    ])
  })

  it('reads lexical and mobiledoc JSON kept as strings', () => {
    const lexical = JSON.stringify({
      root: { children: [{ type: 'image', src: '__GHOST_URL__/content/images/2026/01/card.jpg' }] },
    })
    const mobiledoc = JSON.stringify({ cards: [['file', { src: '__GHOST_URL__/content/files/2026/01/report.pdf' }]] })
    assert.deepEqual(paths([{ lexical }, { mobiledoc }]), [
      'files/2026/01/report.pdf',
      'images/2026/01/card.jpg',
      'images/2026/01/card_o.jpg (optional)',
    ])
  })

  it('maps resized copies to the uploaded image', () => {
    const html =
      '<img srcset="__GHOST_URL__/content/images/size/w600/2026/01/b.webp 600w, __GHOST_URL__/content/images/size/w1000h500/format/avif/2026/01/b.webp 1000w">'
    assert.deepEqual(paths({ html }), ['images/2026/01/b.webp', 'images/2026/01/b_o.webp (optional)'])
  })

  it("accepts absolute URLs on the site's and the admin's host, under the site's subdirectory", () => {
    const row = {
      feature_image: 'https://example.com/blog/content/images/2026/01/c.gif?v=3#x',
      og_image: '//admin.example.com/blog/content/media/2026/01/clip.mp4',
      other: 'https://example.com/content/images/not-under-the-blog.png',
    }
    assert.deepEqual(paths(row), [
      'images/2026/01/c.gif',
      'images/2026/01/c_o.gif (optional)',
      'media/2026/01/clip.mp4',
    ])
  })

  it('lists media on other hosts as external, not as site files', () => {
    const found = find({
      html: '<img src="https://cdn.example.net/photos/d.jpg"> <a href="https://other.example/page">x</a>',
    })
    assert.equal(found.files.size, 0)
    assert.deepEqual([...found.external], ['https://cdn.example.net/photos/d.jpg'])
  })

  it('decodes percent-encoding and unicode, and encodes the URL back', () => {
    const found = find({
      html: '<img src="__GHOST_URL__/content/images/2026/01/caf%C3%A9%20photo.png"> __GHOST_URL__/content/files/2026/01/résumé.pdf',
    })
    const image = found.files.get('images/2026/01/café photo.png')!
    assert.equal(image.url, 'https://example.com/blog/content/images/2026/01/caf%C3%A9%20photo.png')
    assert.ok(found.files.has('files/2026/01/résumé.pdf'))
  })

  it('keeps a file referenced directly even when it looks like an original', () => {
    const html = '__GHOST_URL__/content/images/e.png __GHOST_URL__/content/images/e_o.png'
    assert.deepEqual(paths({ html }), ['images/e.png', 'images/e_o.png'])
  })

  it('refuses references that would leave their folder', () => {
    const found = find({
      a: '__GHOST_URL__/content/images/../../config.production.json',
      b: '__GHOST_URL__/content/images/%2e%2e/%2e%2e/secret.png',
      c: 'https://example.com/blog/content/files/a%2F..%2F..%2Fx.pdf',
      d: '__GHOST_URL__/content/images/a%5C..%5Cb.png',
    })
    assert.equal(found.files.size, 0)
    assert.equal(found.unsafe.size, 4)
  })
})

describe('safeRelativePath', () => {
  for (const bad of ['..', 'a/../b', '%2e%2e/x', 'a/%2F/b', 'a//b', 'a/./b', 'x%00y']) {
    it(`refuses '${bad}'`, () => assert.equal(safeRelativePath(bad), undefined))
  }
  it('keeps a plain path', () => assert.equal(safeRelativePath('2026/01/a%20b.png'), '2026/01/a b.png'))
})
