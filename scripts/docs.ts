/**
 * Writes the inputs and outputs tables of README.md from action.yml, so the README can
 * never describe an input the action does not have. `npm run docs` runs it; a test fails
 * when the README is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

const root = fileURLToPath(new URL('..', import.meta.url))
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ')

export function readActionYml(): ActionYml {
  return parse(readFileSync(`${root}action.yml`, 'utf8')) as ActionYml
}

export function inputsTable(action: ActionYml): string {
  const rows = Object.entries(action.inputs).map(([name, input]) => {
    const fallback = input.required ? 'required' : input.default !== undefined ? `\`${input.default}\`` : ''
    return `| \`${name}\` | ${cell(input.description)} | ${fallback} |`
  })
  return ['| Input | Description | Default |', '| --- | --- | --- |', ...rows].join('\n')
}

export function outputsTable(action: ActionYml): string {
  const rows = Object.entries(action.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n')
}

/** README.md with the text between each `<!-- name:start -->` and `<!-- name:end -->` regenerated. */
export function renderReadme(readme: string, action: ActionYml): string {
  const replace = (text: string, name: string, table: string) =>
    text.replace(
      new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`),
      (_match, start: string, end: string) => `${start}\n${table}\n${end}`,
    )
  return replace(replace(readme, 'inputs', inputsTable(action)), 'outputs', outputsTable(action))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = `${root}README.md`
  writeFileSync(file, renderReadme(readFileSync(file, 'utf8'), readActionYml()))
}
