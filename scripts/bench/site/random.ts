/**
 * A small seeded generator, so a seeded site is the same on every machine:
 * sizes, words and pixels depend only on the item's number.
 */
export function seededRandom(seed: number): () => number {
  // xorshift32; a zero state would stay zero forever.
  let state = (seed * 2654435761) >>> 0 || 1
  return () => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 0x1_0000_0000
  }
}

/** A whole number in [min, max]. */
export function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}
