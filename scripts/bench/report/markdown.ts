/** The results of one bench run as a Markdown section for docs/benchmarks.md. */
import { type Sample, type Series, spread, spreadOf } from '../run/measure.js'
import { type BenchResults, median, type SeriesName, type SiteFacts, verdicts } from './results.js'

const MiB = 2 ** 20
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`
const count = (n: number): string => n.toLocaleString('en-US')

/** Seconds for long runs, milliseconds for short ones. */
function duration(ms: number, short: boolean): string {
  return short ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`
}

interface Row {
  name: SeriesName
  label: string
  how: string
  short?: boolean
  notes: (series: Series) => string
}

const extra = (series: Series, name: string): number => median(series, (s: Sample) => s.extra?.[name])

const ROWS: Row[] = [
  {
    name: 'full',
    label: 'full',
    how: '`node dist/index.js`, staff token, `include: all`, `destination: none`, verify on',
    notes: (s) => `${count(extra(s, 'files'))} files, ${mib(extra(s, 'bytes'))}`,
  },
  {
    name: 'floor',
    label: 'floor',
    how: 'the same downloads by `curl`, `xargs -P 8`',
    notes: (s) =>
      `Admin API files ${duration(extra(s, 'apiMs'), false)}, then site files ${duration(extra(s, 'filesMs'), false)}`,
  },
  {
    name: 'fullWithoutImages',
    label: 'full without images',
    how: 'as full, `exclude: images` (for the memory comparison)',
    notes: (s) => `${count(extra(s, 'files'))} files, ${mib(extra(s, 'bytes'))}`,
  },
  {
    name: 'fullWithoutVerify',
    label: 'full without verify',
    how: 'as full, `verify: false` (what the check costs)',
    notes: (s) => `${count(extra(s, 'files'))} files, ${mib(extra(s, 'bytes'))}`,
  },
  {
    name: 'incremental',
    label: 'incremental',
    how: 'as full, same `path` holding the previous backup; nothing changed',
    notes: (s) =>
      `${mib(extra(s, 'downloadedBytes'))} downloaded; site files: ${count(extra(s, 'mediaDownloaded'))} answered 200 (${count(extra(s, 'mediaBytes'))} bytes), ${count(extra(s, 'mediaNotModified'))} answered 304`,
  },
  {
    name: 'incrementalFloor',
    label: 'incremental floor',
    how: "the floor's requests, files asked with the previous backup's validators",
    notes: (s) =>
      `Admin API files ${duration(extra(s, 'apiMs'), false)}, then site files ${duration(extra(s, 'filesMs'), false)}`,
  },
  {
    name: 'contentOnly',
    label: 'content-only',
    how: '`include: content`, `username` + `password`',
    notes: (s) => `content.json ${mib(extra(s, 'bytes'))}`,
  },
  {
    name: 'usualScript',
    label: 'the usual script',
    how: 'Python `requests`: password login, `GET /db/` to a file',
    notes: (s) => mib(extra(s, 'bytes')),
  },
  { name: 'startUp', label: 'start-up', how: "`node dist/index.js`, invalid 'url'", short: true, notes: () => '' },
  { name: 'nodeAlone', label: 'node alone', how: '`node -e 0`, for scale', short: true, notes: () => '' },
]

function row(results: BenchResults, spec: Row): string[] {
  const series = results.series[spec.name]
  if (!series) return []
  const short = spec.short ?? false
  const wall = spreadOf(series, (s) => s.wallMs)!
  const rss = spreadOf(series, (s) => s.rssBytes)
  const cpu = spreadOf(series, (s) => s.cpuMs)
  const server = spreadOf(series, (s) => s.serverCpuMs)
  // /usr/bin/time measures xargs for the floors, not the curl processes' memory.
  const rssText = spec.name.endsWith('loor') || !rss ? '–' : mib(rss.median)
  const cpuText = `${cpu ? duration(cpu.median, short) : '–'} / ${server ? duration(server.median, false) : '–'}`
  const range = `${duration(wall.min, short)} – ${duration(wall.max, short)}`
  return [
    `| ${spec.label} | ${spec.how} | ${duration(wall.median, short)} | ${range} | ${rssText} | ${cpuText} | ${spec.notes(series)} |`,
  ]
}

const PHASED: { name: SeriesName; label: string }[] = [
  { name: 'full', label: 'full' },
  { name: 'fullWithoutImages', label: 'full without images' },
  { name: 'fullWithoutVerify', label: 'full without verify' },
  { name: 'incremental', label: 'incremental' },
  { name: 'contentOnly', label: 'content-only' },
]

/** Median time and peak RSS of each log group of the action, per measurement. */
function phaseTable(results: BenchResults): string[] {
  const measured = PHASED.filter((p) => results.series[p.name])
  if (measured.length === 0) return []
  const phasesOf = (p: { name: SeriesName }) => results.series[p.name]!.samples.flatMap((s) => s.phases ?? [])
  const names = [...new Set(measured.flatMap((p) => phasesOf(p).map((ph) => ph.name)))]
  const cell = (p: { name: SeriesName }, phase: string): string => {
    const found = phasesOf(p).filter((ph) => ph.name === phase)
    if (found.length === 0) return '–'
    const ms = spread(found.map((ph) => ph.ms)).median
    const peaks = found.map((ph) => ph.peakRssBytes).filter((b) => b !== undefined)
    return `${duration(ms, false)}, ${peaks.length > 0 ? mib(spread(peaks).median) : '–'}`
  }
  return [
    'Where the time and the memory go (medians; RSS sampled every 20 ms from /proc):',
    '',
    `| Phase (log group) | ${measured.map((p) => `${p.label}: time, peak RSS`).join(' | ')} |`,
    `| --- | ${measured.map(() => '---').join(' | ')} |`,
    ...names.map((name) => `| ${name} | ${measured.map((p) => cell(p, name)).join(' | ')} |`),
    '',
  ]
}

function siteLine(site: SiteFacts): string {
  return `- Site: ${count(site.posts)} posts; ${count(site.images)} images uploaded (${mib(site.imageBytes)}), saved as ${count(site.imageFiles)} image files with Ghost's \`_o\` originals (${mib(site.imageFileBytes)}); ${site.media} audio files and ${site.files} PDFs (${mib(site.mediaBytes)}); ${count(site.members)} members (members.csv ${mib(site.membersCsvBytes)}); content.json ${mib(site.contentJsonBytes)}; the whole backup ${count(site.backupFiles)} files, ${mib(site.backupBytes)}.`
}

export function resultsSection(results: BenchResults): string {
  const { site, machine, series, bundle } = results
  const loads = Object.values(series).flatMap((s) => s.load)
  const chunks = bundle.chunkBytes ? ` (+ ${mib(bundle.chunkBytes)} of chunks loaded on demand)` : ''
  const lines = [
    `### Ghost ${results.ghostVersion}, ${results.date.slice(0, 10)}`,
    '',
    `Reproduce: \`${results.command}\``,
    '',
    `- Machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory, Node ${machine.node}, Linux ${machine.kernel}. 1-minute load average during the rounds: ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} (other work on the machine at the same time).`,
    ...(site ? [siteLine(site)] : []),
    `- Bundle: dist/index.js ${mib(bundle.bytes)}${chunks}, sha256 \`${bundle.sha256.slice(0, 12)}\` over its .js files.`,
    `- ${results.runs} measured runs after ${results.warmup} warm-up, in rounds (one of each measurement per round; start-up and node alone: at least 15); concurrency ${results.concurrency}. Times are wall time from process start to exit; peak RSS and CPU of the measured process from \`/usr/bin/time -v\`; Ghost's CPU from /proc.`,
    '',
    '| Measurement | How | Median | Min – max | Peak RSS | CPU (process / Ghost) | Notes |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...ROWS.flatMap((spec) => row(results, spec)),
    '',
    ...phaseTable(results),
    '| Target | Measured | Target | Result |',
    '| --- | --- | --- | --- |',
    ...verdicts(results).map((v) => `| ${v.name} | ${v.value} | ${v.target} | ${v.met ? 'met' : '**missed**'} |`),
  ]
  return `${lines.join('\n')}\n`
}
