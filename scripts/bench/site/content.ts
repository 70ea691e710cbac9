/**
 * The generated text of the benchmark site: post bodies in HTML, audio, PDFs
 * and the members CSV. All of it depends only on the item's number.
 */
import { makePdf, makeWav } from '../../ghost/media-files.js'
import { between, seededRandom } from './random.js'

const WORDS = (
  'backup ghost site export members theme image media file night runner branch commit archive restore ' +
  'content server request answer manifest checksum folder upload download token staff owner editor ' +
  'garden coffee river mountain letter window morning harbour lantern meadow orchard journey library'
).split(' ')

/** Uploaded files a post may point at. */
export interface PostLinks {
  inlineImage?: string
  featureImage?: string
  attachment?: string
}

function sentence(random: () => number): string {
  const words = Array.from({ length: between(random, 8, 18) }, () => WORDS[between(random, 0, WORDS.length - 1)])
  const text = words.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

/** Five to nine paragraphs (1.5 to 5 KB, 3 KB on average), with the inline image and the attachment link among them. */
export function postHtml(index: number, links: PostLinks): string {
  const random = seededRandom(index + 1)
  const paragraphs = Array.from({ length: between(random, 5, 9) }, () => {
    const sentences = Array.from({ length: between(random, 3, 6) }, () => sentence(random))
    return `<p>${sentences.join(' ')}</p>`
  })
  if (links.inlineImage) {
    paragraphs.splice(1, 0, `<figure><img src="${links.inlineImage}" alt="Picture ${index}"></figure>`)
  }
  if (links.attachment) paragraphs.push(`<p>Download the <a href="${links.attachment}">attachment</a>.</p>`)
  return `<h2>Part ${index}</h2>${paragraphs.join('')}`
}

/** A 2-6 s tone with a little noise (32-96 KB): Ghost's media upload takes WAV. */
export function audioFile(index: number): Buffer {
  const random = seededRandom(10_000 + index)
  const wav = makeWav({ frequencyHz: 220 + index * 7, durationMs: between(random, 2000, 6000) })
  for (let at = 44; at + 1 < wav.length; at += 2) {
    wav.writeInt16LE(Math.max(-32768, Math.min(32767, wav.readInt16LE(at) + between(random, -800, 800))), at)
  }
  return wav
}

export function pdfFile(index: number): Buffer {
  return makePdf([`Benchmark attachment ${index}`, 'Generated in code by scripts/bench.'])
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** Ghost's own member export columns, which its importer maps without being told. */
export function membersCsv(count: number): string {
  const lines = ['email,name,note,subscribed_to_emails,labels,created_at']
  const start = Date.UTC(2020, 0, 1)
  for (let i = 1; i <= count; i++) {
    const random = seededRandom(20_000 + i)
    const label = ['', 'Newsletter', 'Beta tester', 'VIP'][i % 4]!
    const created = new Date(start + between(random, 0, 5 * 365) * 86_400_000).toISOString()
    lines.push(
      [
        `bench-member-${i}@example.com`,
        `Member ${i}`,
        i % 10 === 0 ? `Joined at the ${WORDS[i % WORDS.length]} event, "early" list` : '',
        i % 3 === 0 ? 'false' : 'true',
        label,
        created,
      ]
        .map(csvField)
        .join(','),
    )
  }
  return `${lines.join('\n')}\n`
}
