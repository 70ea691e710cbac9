/**
 * A tiny PNG encoder, so test images are generated in code instead of being
 * checked in. Pictures are smooth gradients with a few stripes: cheap to
 * compress, and different for every seed so each upload has unique bytes.
 */
import { crc32, deflateSync } from 'node:zlib'

export interface PngOptions {
  width: number
  height: number
  /** Varies the colours so two images of one size differ. */
  seed: number
  /** RGBA (colour type 6) instead of RGB (colour type 2). */
  alpha?: boolean
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

/** The colour of one pixel: a gradient tinted by the seed, with diagonal stripes. */
function pixel(x: number, y: number, opts: PngOptions): [number, number, number, number] {
  const stripe = ((x + y + opts.seed * 7) >> 4) % 2 === 0 ? 40 : 0
  const r = (Math.floor((x * 255) / Math.max(1, opts.width - 1)) + opts.seed * 53) & 0xff
  const g = (Math.floor((y * 255) / Math.max(1, opts.height - 1)) + opts.seed * 97) & 0xff
  const b = (128 + stripe + opts.seed * 31) & 0xff
  const a = opts.alpha ? 255 - ((x * 3 + y) % 128) : 255
  return [r, g, b, a]
}

/** Encodes an image as PNG: 8 bits per channel, no interlacing. */
export function makePng(opts: PngOptions): Buffer {
  const channels = opts.alpha ? 4 : 3
  const stride = opts.width * channels + 1 // +1: each row starts with its filter type
  const raw = Buffer.alloc(stride * opts.height)
  for (let y = 0; y < opts.height; y++) {
    raw[y * stride] = 0 // filter "None": what an image library emits by default too
    for (let x = 0; x < opts.width; x++) {
      const px = pixel(x, y, opts)
      raw.set(px.slice(0, channels), y * stride + 1 + x * channels)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(opts.width, 0)
  header.writeUInt32BE(opts.height, 4)
  header[8] = 8 // bit depth
  header[9] = opts.alpha ? 6 : 2 // colour type
  header[10] = 0 // compression: deflate
  header[11] = 0 // filter method
  header[12] = 0 // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    // Maximum compression, so Ghost's re-encode of a small image is never
    // smaller and Ghost keeps serving the bytes we uploaded.
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
