/**
 * Runs a task for every item with at most `limit` at once. Seeding sends
 * thousands of requests; all at once would only queue inside Ghost (SQLite
 * takes one write at a time) and make every request look slow.
 */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
) {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      await task(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
