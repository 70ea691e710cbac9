import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
export const ACTION_BUNDLE = path.join(root, 'dist/index.js')
export const CLI_BUNDLE = path.join(root, 'dist/cli/index.js')

/** Temporary folders made for runs, removed when the test process ends. */
const made: string[] = []
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

async function tempFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

export interface BundleRun {
  code: number
  stdout: string
  stderr: string
  /** What the step wrote to GITHUB_OUTPUT (empty for the CLI). */
  outputs: Record<string, string>
  /** What the step wrote to GITHUB_STEP_SUMMARY. */
  summary: string
  /** The folder the run started in (GITHUB_WORKSPACE for the action). */
  workspace: string
}

function exec(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<Omit<BundleRun, 'outputs' | 'summary' | 'workspace'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks, as @actions/core writes them. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!
  return outputs
}

/** The environment a runner gives a step, without this process's own INPUT_ or GITHUB_ variables. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(INPUT_|GITHUB_|RUNNER_|GHOST_)/.test(name)),
  )
  return { ...env, ...extra }
}

/**
 * Runs `node dist/index.js` the way the runner does: INPUT_* variables and files for
 * outputs and summary. `destination` is `none` unless a test asks for one (and then points
 * the runner variables at its stand-ins through `runnerEnv`).
 */
export async function runAction(
  inputs: Record<string, string>,
  runnerEnv: Record<string, string> = {},
): Promise<BundleRun> {
  const workspace = await tempFolder('ghost-backup-ws-')
  const runnerTemp = await tempFolder('ghost-backup-runner-')
  const outputFile = path.join(runnerTemp, 'output')
  const summaryFile = path.join(runnerTemp, 'summary')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const env = cleanEnv({
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    ...runnerEnv,
    ...Object.fromEntries(
      Object.entries({ destination: 'none', ...inputs }).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
  })
  const result = await exec([ACTION_BUNDLE], env, workspace)
  return {
    ...result,
    workspace,
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
  }
}

/** Runs the bundled CLI with flags and GHOST_* variables. */
export async function runCliBundle(args: string[], env: Record<string, string> = {}): Promise<BundleRun> {
  const workspace = await tempFolder('ghost-backup-cli-')
  const result = await exec([CLI_BUNDLE, ...args], cleanEnv(env), workspace)
  const outputs = Object.fromEntries(
    result.stdout
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  )
  return { ...result, workspace, outputs, summary: '' }
}
