// Loaded with `node --expose-gc --import` before a bundle: reports the process's peak
// resident set size, and the JavaScript heap still alive after a full collection, on
// stderr as it exits, so a test can measure memory without changing the tool.
process.on('exit', () => {
  globalThis.gc?.()
  const peak = process.resourceUsage().maxRSS * 1024
  process.stderr.write(`\nmemory peak-rss=${peak} heap-used=${process.memoryUsage().heapUsed}\n`)
})
