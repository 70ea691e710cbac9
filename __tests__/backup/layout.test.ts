import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPlainRelativePath, themeZipPath } from '../../src/backup/layout.js'

describe('backup layout', () => {
  it('keeps relative paths inside the folder', () => {
    assert.ok(isPlainRelativePath('images/2026/01/a.png'))
    assert.ok(isPlainRelativePath('images/2026/01/café photo.png'))
    for (const bad of [
      '../a.png',
      'images/../../a.png',
      '/etc/passwd',
      'images//a.png',
      'images\\a.png',
      'images/./a',
      'images/a\0.png',
      '',
    ]) {
      assert.ok(!isPlainRelativePath(bad), bad)
    }
  })

  it('names a theme zip plainly, whatever the theme is called', () => {
    assert.equal(themeZipPath('casper'), 'themes/casper.zip')
    assert.equal(themeZipPath('my theme/../x'), 'themes/my-theme-..-x.zip')
    assert.equal(themeZipPath('..hidden'), 'themes/_hidden.zip')
  })
})
