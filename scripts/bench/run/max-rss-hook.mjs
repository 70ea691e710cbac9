// Loaded with `node --import` where /usr/bin/time is missing: prints the process's own
// peak RSS and CPU time on stderr as it exits, for run-timed.ts to read.
process.on('exit', () => {
  const usage = process.resourceUsage()
  process.stderr.write(`\nbench-rss=${usage.maxRSS * 1024} bench-cpu-us=${usage.userCPUTime + usage.systemCPUTime}\n`)
})
