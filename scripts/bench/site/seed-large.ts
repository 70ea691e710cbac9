/**
 * Seeds the benchmark site through the Admin API, a few requests at a time:
 * images, audio and PDFs first (posts point at them), then tags, posts and
 * one members CSV.
 */
import { adminRequest, expectStatus, type ApiTarget } from '../../ghost/admin-api.js'
import { uploadFile, type SeededUpload, type UploadRequest } from '../../ghost/seed-uploads.js'
import { log, pollUntil, secondsSince } from '../../ghost/util.js'
import { audioFile, membersCsv, pdfFile, postHtml, type PostLinks } from './content.js'
import { noisyPng } from './noisy-png.js'
import { eachLimited } from './pool.js'
import { IMAGE_BYTES, type SiteSize } from './site-size.js'

/** What was seeded, for the results table. */
export interface SeededSite {
  posts: number
  images: number
  /** Bytes of the image files as uploaded (Ghost keeps each beside its served copy). */
  imageBytes: number
  media: number
  files: number
  members: number
}

const TAGS = ['News', 'Photos', 'Travel', 'Notes', 'Letters', 'Reviews', 'Recipes', 'Guides', 'Archive', 'Café']

/** Evenly spread sizes: image i of n gets min + i/(n-1) of the range. */
function imageSize(index: number, count: number): number {
  const share = count > 1 ? index / (count - 1) : 0.5
  return Math.round(IMAGE_BYTES.min + share * (IMAGE_BYTES.max - IMAGE_BYTES.min))
}

async function uploadAll(site: ApiTarget, token: string, requests: (() => UploadRequest)[]): Promise<SeededUpload[]> {
  const uploads: SeededUpload[] = []
  // Three at once: Ghost resizes every image with sharp, which is CPU-bound on two cores.
  await eachLimited(requests, 3, async (make, i) => {
    uploads[i] = await uploadFile(site, token, make())
  })
  return uploads
}

function linksFor(index: number, size: SiteSize, images: SeededUpload[], attachments: SeededUpload[]): PostLinks {
  // Every image is shown inline by one post; a second post in each step uses one as its feature image.
  const imageStep = Math.max(1, Math.floor(size.posts / size.images))
  const attachmentStep = Math.max(1, Math.floor(size.posts / attachments.length))
  const links: PostLinks = {}
  if (index % imageStep === 0) links.inlineImage = images[index / imageStep]?.url
  if (imageStep > 2 && index % imageStep === 2) links.featureImage = images[(index * 7) % images.length]?.url
  if (index % attachmentStep === 1) links.attachment = attachments[(index - 1) / attachmentStep]?.url
  return links
}

async function seedPosts(
  site: ApiTarget,
  token: string,
  size: SiteSize,
  images: SeededUpload[],
  attachments: SeededUpload[],
) {
  for (const name of TAGS) {
    expectStatus(await adminRequest(site, token, 'POST', 'tags/', { tags: [{ name }] }), 201, `create tag ${name}`)
  }
  const indexes = Array.from({ length: size.posts }, (_, i) => i)
  let done = 0
  // Four at once hides request latency; SQLite takes the writes one by one anyway.
  await eachLimited(indexes, 4, async (i) => {
    const links = linksFor(i, size, images, attachments)
    const post = {
      title: `Benchmark post ${i + 1}`,
      status: 'published',
      html: postHtml(i, links),
      feature_image: links.featureImage ?? null,
      tags: [{ name: TAGS[i % TAGS.length] }],
    }
    expectStatus(
      await adminRequest(site, token, 'POST', 'posts/?source=html', { posts: [post] }),
      201,
      `create post ${i + 1}`,
    )
    if (++done % 250 === 0) log(`bench: ${done} of ${size.posts} posts`)
  })
}

async function memberTotal(site: ApiTarget, token: string): Promise<number> {
  const res = expectStatus(await adminRequest(site, token, 'GET', 'members/?limit=1&fields=id'), 200, 'count members')
  return res.json<{ meta: { pagination: { total: number } } }>().meta.pagination.total
}

/** One CSV upload; Ghost imports a large one in a background job, so wait for the total. */
async function seedMembers(site: ApiTarget, token: string, count: number): Promise<number> {
  const form = new FormData()
  form.append('membersfile', new Blob([membersCsv(count)], { type: 'text/csv' }), 'members.csv')
  expectStatus(await adminRequest(site, token, 'POST', 'members/upload/', form), [201, 202], 'upload members CSV')
  return pollUntil(
    'Ghost to import the members',
    15 * 60_000,
    async () => {
      const total = await memberTotal(site, token)
      return total >= count ? total : undefined
    },
    2000,
  )
}

export async function seedLargeSite(site: ApiTarget, token: string, size: SiteSize): Promise<SeededSite> {
  let start = Date.now()
  const imageRequests = Array.from({ length: size.images }, (_, i) => (): UploadRequest => ({
    kind: 'images',
    fileName: `bench-image-${String(i + 1).padStart(4, '0')}.png`,
    bytes: noisyPng(i + 1, imageSize(i, size.images)),
    contentType: 'image/png',
  }))
  const images = await uploadAll(site, token, imageRequests)
  log(`bench: ${images.length} images uploaded (${secondsSince(start)} s)`)

  start = Date.now()
  const audio = Math.ceil(size.mediaAndFiles / 2)
  const attachmentRequests = Array.from(
    { length: size.mediaAndFiles },
    (_, i) => (): UploadRequest =>
      i < audio
        ? { kind: 'media', fileName: `bench-audio-${i + 1}.wav`, bytes: audioFile(i), contentType: 'audio/wav' }
        : { kind: 'files', fileName: `bench-file-${i + 1}.pdf`, bytes: pdfFile(i), contentType: 'application/pdf' },
  )
  const attachments = await uploadAll(site, token, attachmentRequests)
  log(`bench: ${attachments.length} media and files uploaded (${secondsSince(start)} s)`)

  start = Date.now()
  await seedPosts(site, token, size, images, attachments)
  log(`bench: ${size.posts} posts created (${secondsSince(start)} s)`)

  start = Date.now()
  const members = await seedMembers(site, token, size.members)
  log(`bench: ${members} members imported (${secondsSince(start)} s)`)

  return {
    posts: size.posts,
    images: images.length,
    imageBytes: images.reduce((sum, image) => sum + image.size, 0),
    media: audio,
    files: size.mediaAndFiles - audio,
    members,
  }
}
