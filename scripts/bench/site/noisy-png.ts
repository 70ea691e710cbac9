/**
 * PNGs of a chosen size that do not compress away: the harness's png.ts
 * draws smooth gradients that deflate to a few KB, while real photos stay
 * large. Here a band of noisy rows carries the bytes and a gradient band
 * keeps it looking like a picture.
 */
import { crc32, deflateSync } from 'node:zlib'
import { seededRandom } from './random.js'

/** Wide enough to look like a photo, under Ghost's 2000 px resize limit. */
export const NOISY_PNG_WIDTH = 640

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])))
  return Buffer.concat([head, data, crc])
}

/**
 * An RGB PNG of roughly `targetBytes`. Deflate finds next to nothing to
 * squeeze in the noisy rows (about one byte per byte of raw pixels) and
 * packs the gradient rows into almost nothing.
 */
export function noisyPng(seed: number, targetBytes: number): Buffer {
  const width = NOISY_PNG_WIDTH
  const stride = width * 3 + 1
  const noisyRows = Math.max(1, Math.ceil(targetBytes / (width * 3)))
  const height = noisyRows + Math.ceil(noisyRows / 3)
  const random = seededRandom(seed)
  const raw = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const noisy = y < noisyRows
    for (let x = 0; x < width; x++) {
      const at = y * stride + 1 + x * 3
      const noise = noisy ? Math.floor(random() * 64) : 0
      raw[at] = ((x >> 2) + seed * 53 + noise) & 0xff
      raw[at + 1] = ((y >> 1) + seed * 97 + noise) & 0xff
      raw[at + 2] = (128 + seed * 31 + noise) & 0xff
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per channel
  header[9] = 2 // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    // Level 9, like png.ts: Ghost keeps the upload when its own re-encode is not smaller.
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
