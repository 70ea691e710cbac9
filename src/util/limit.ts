/**
 * Runs `task` for every item with at most `concurrency` running at once. Items are
 * pulled from the iterator as workers free up, so memory stays flat however many there
 * are. The first failure stops new work; it is thrown once running tasks have settled.
 */
export async function forEachLimited<T>(
  items: Iterable<T>,
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]()
  let failure: { error: unknown } | undefined
  const worker = async () => {
    for (let next = iterator.next(); !next.done && !failure; next = iterator.next()) {
      try {
        await task(next.value)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
  if (failure) throw failure.error
}
