/** How many names a detail line lists before it only counts the rest. */
const NAMED = 10

/** "a, b, c" or "a, b, ... and 12 more": detail lines stay readable for large sites. */
export function listed(names: readonly string[]): string {
  return names.length <= NAMED
    ? names.join(', ')
    : `${names.slice(0, NAMED).join(', ')} and ${names.length - NAMED} more`
}
