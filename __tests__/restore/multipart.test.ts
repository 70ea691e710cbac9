import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { multipartBody } from '../../src/restore/multipart.js'
import { tempDir } from '../support/run-fake-backup.js'

async function read(data: unknown): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of data as Readable) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
}

describe('multipart body', () => {
  it('streams fields and files that a form-data parser reads back, with the length it promised', async () => {
    const file = path.join(await tempDir(), 'content.json')
    await writeFile(file, '{"db":[]}')
    const body = multipartBody([
      { field: 'url', content: 'http://127.0.0.1/content/media/2026/01/x.mp4' },
      {
        field: 'importfile',
        fileName: 'content.json',
        contentType: 'application/json',
        content: { filePath: file, size: 9 },
      },
      { field: 'membersfile', fileName: 'members.csv', contentType: 'text/csv', content: Buffer.from('email\n') },
    ])
    const bytes = await read(body.data)
    assert.equal(bytes.length, body.length)
    const form = await new Response(bytes, { headers: { 'Content-Type': body.contentType } }).formData()
    assert.equal(form.get('url'), 'http://127.0.0.1/content/media/2026/01/x.mp4')
    const json = form.get('importfile') as File
    assert.deepEqual([json.name, json.type, await json.text()], ['content.json', 'application/json', '{"db":[]}'])
    assert.equal(await (form.get('membersfile') as File).text(), 'email\n')
  })

  it('fails the body rather than send a file that changed size since it was measured', async () => {
    const file = path.join(await tempDir(), 'grew.zip')
    await writeFile(file, 'longer than promised')
    const body = multipartBody([
      { field: 'file', fileName: 'x.zip', contentType: 'application/zip', content: { filePath: file, size: 3 } },
    ])
    await assert.rejects(read(body.data), /changed while it was being sent/)
  })
})
