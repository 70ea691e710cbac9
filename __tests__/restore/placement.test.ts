import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ghostFileName, placeSiteFile } from '../../src/restore/placement.js'

describe('where Ghost’s importer puts each file', () => {
  it('puts images, media and files back at their paths through a zip', () => {
    assert.deepEqual(placeSiteFile('images', '2026/01/a.png', 10, 5), { how: 'zip', strays: [] })
    assert.deepEqual(placeSiteFile('media', '2026/01/tone.wav', 10, 5), { how: 'zip', strays: [] })
    assert.deepEqual(placeSiteFile('files', '2026/01/report.pdf', 10, 6), { how: 'zip', strays: [] })
  })

  it("names the unlinked copies Ghost 6's files importer also makes of images and media", () => {
    assert.deepEqual(placeSiteFile('images', '2026/01/a.png', 10, 6), {
      how: 'zip',
      strays: ['files/images/2026/01/a.png'],
    })
    assert.deepEqual(placeSiteFile('media', '2026/01/tone.wav', 10, 6), {
      how: 'zip',
      strays: ['files/media/2026/01/tone.wav'],
    })
    assert.deepEqual(placeSiteFile('files', '2026/01/pic.png', 10, 6), {
      how: 'zip',
      strays: ['images/files/2026/01/pic.png'],
    })
  })

  it('puts a video thumbnail beside its video one by one', () => {
    assert.deepEqual(placeSiteFile('media', '2026/01/clip_thumb.jpg', 10, 6), { how: 'thumbnail' })
  })

  it('keeps out what the importer would read as content, or store under another name', () => {
    const none = (placement: ReturnType<typeof placeSiteFile>) => (placement.how === 'none' ? placement.reason : '')
    assert.match(
      none(placeSiteFile('files', '2026/01/data.json', 10, 6)),
      /reads every \.json file in a zip as content/,
    )
    assert.match(none(placeSiteFile('files', '2026/01/list.csv', 10, 6)), /\.csv/)
    assert.match(none(placeSiteFile('files', '2026/01/notes.md', 10, 6)), /\.md/)
    assert.match(none(placeSiteFile('images', '2026/01/my photo.png', 10, 6)), /store it as 'my-photo.png'/)
    assert.match(
      none(placeSiteFile('files', '2026/01/pic.png', 10, 5)),
      /Ghost 5's importer does not store \.png files in files\//,
    )
    assert.match(none(placeSiteFile('media', '2026/01/big.mp4', 2 ** 33, 6)), /larger than 4 GiB/)
  })

  it('names files as ghost-storage-base does', () => {
    assert.equal(ghostFileName('café photo 1.png'), 'caf--photo-1.png')
    assert.equal(ghostFileName('a@b_c.d.png'), 'a@b_c.d.png')
    assert.equal(ghostFileName('archive.tar.1'), 'archive.tar.1')
  })
})
