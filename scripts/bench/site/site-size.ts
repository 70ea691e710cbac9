/** How big the benchmark site is: the numbers, scaled down only for trying the bench out. */
export interface SiteSize {
  posts: number
  images: number
  /** Audio files (Ghost's media) and PDFs (Ghost's files), half each. */
  mediaAndFiles: number
  members: number
}

export const FULL_SIZE: SiteSize = { posts: 2000, images: 500, mediaAndFiles: 50, members: 5000 }

/** `--scale 0.1` seeds a tenth of everything (at least one of each), in a folder of its own. */
export function scaledSize(scale: number): SiteSize {
  const of = (n: number): number => Math.max(1, Math.round(n * scale))
  return {
    posts: of(FULL_SIZE.posts),
    images: of(FULL_SIZE.images),
    mediaAndFiles: Math.max(2, of(FULL_SIZE.mediaAndFiles)),
    members: of(FULL_SIZE.members),
  }
}

/** Images are spread evenly over this range, so every run seeds the same total. */
export const IMAGE_BYTES = { min: 50_000, max: 300_000 }
