import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { RequestBody } from '../ghost/client.js'

/** What a file part carries: bytes in memory, a file on disk, or a stream of known length. */
export type PartContent =
  Buffer | { filePath: string; size: number } | { size: number; open(): AsyncIterable<Buffer> | Readable }

export interface FormPart {
  /** The form field, e.g. `importfile`. */
  field: string
  /** A file part has a file name and a type; a plain field has neither. */
  fileName?: string
  contentType?: string
  content: string | PartContent
}

/**
 * A multipart/form-data body streamed part by part, with its exact length known up
 * front: files are never held in memory, and the server (and any proxy before it) sees
 * a Content-Length, so a size limit answers 413 instead of cutting the upload.
 */
export function multipartBody(parts: readonly FormPart[]): RequestBody {
  const boundary = `----ghost-backup-${randomBytes(12).toString('hex')}`
  const heads = parts.map((part) => Buffer.from(partHead(boundary, part)))
  const crlf = Buffer.from('\r\n')
  const tail = Buffer.from(`--${boundary}--\r\n`)
  const length =
    parts.reduce((sum, part, i) => sum + heads[i]!.length + contentSize(part.content) + crlf.length, 0) + tail.length

  async function* chunks(): AsyncGenerator<Buffer> {
    for (const [i, part] of parts.entries()) {
      yield heads[i]!
      yield* contentChunks(part.content)
      yield crlf
    }
    yield tail
  }
  const data = Readable.from(chunks())
  // The transport pipes the body, and a pipe does not pass a read error on: without a
  // listener a file that vanished mid-upload would crash the process. The request then
  // ends short of its Content-Length, and the server refuses it.
  data.on('error', () => {})
  return { data, contentType: `multipart/form-data; boundary=${boundary}`, length }
}

function partHead(boundary: string, part: FormPart): string {
  // Quotes and line breaks would end the header early; Ghost's names never need them.
  const quoted = (value: string) => value.replace(/["\r\n]/g, '_')
  const file = part.fileName === undefined ? '' : `; filename="${quoted(part.fileName)}"`
  const type = part.contentType === undefined ? '' : `Content-Type: ${part.contentType}\r\n`
  return `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.field)}"${file}\r\n${type}\r\n`
}

function contentSize(content: FormPart['content']): number {
  if (typeof content === 'string') return Buffer.byteLength(content)
  return Buffer.isBuffer(content) ? content.length : content.size
}

async function* contentChunks(content: FormPart['content']): AsyncGenerator<Buffer> {
  if (typeof content === 'string') {
    yield Buffer.from(content)
    return
  }
  if (Buffer.isBuffer(content)) {
    yield content
    return
  }
  const source = 'filePath' in content ? createReadStream(content.filePath) : content.open()
  let sent = 0
  for await (const chunk of source as AsyncIterable<Buffer>) {
    sent += chunk.length
    yield chunk
  }
  // The length was promised in the headers; a file that changed since would corrupt the body.
  if (sent !== content.size) {
    throw new Error(`A file changed while it was being sent (${sent} bytes instead of ${content.size}).`)
  }
}
