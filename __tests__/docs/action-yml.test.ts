import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseAction } from '@actions/workflow-parser/actions/action-parser'
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { parse } from 'yaml'
import { readActionYml, renderReadme } from '../../scripts/docs.js'
import { INPUTS } from '../../src/settings/inputs.js'

const root = new URL('../../', import.meta.url)
const read = (file: string) => readFileSync(new URL(file, root), 'utf8')
const readme = read('README.md')
const action = readActionYml()

/** Every fenced yaml block of the README that is a workflow. */
const readmeWorkflows = [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)]
  .map((match) => match[1]!)
  .filter((block) => /^jobs:/m.test(block))

function workflowErrors(name: string, content: string): string[] {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter())
  return result.context.errors.getErrors().map((error) => error.message)
}

describe('action.yml', () => {
  it("passes GitHub's own action schema", () => {
    const result = parseAction({ name: 'action.yml', content: read('action.yml') }, new NoOperationTraceWriter())
    assert.deepEqual(
      result.context.errors.getErrors().map((error) => error.message),
      [],
    )
    assert.ok(result.value, 'parsed')
  })

  it('runs the bundle on node24', () => {
    const runs = parse(read('action.yml')).runs
    assert.deepEqual(runs, { using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly the inputs the code reads, with the same defaults and descriptions', () => {
    assert.deepEqual(
      Object.keys(action.inputs),
      INPUTS.map((input) => input.name),
    )
    for (const input of INPUTS) {
      const declared = action.inputs[input.name]!
      assert.equal(declared.description, input.description, input.name)
      assert.equal(declared.default, input.default, input.name)
    }
  })
})

describe('workflows', () => {
  const files = readdirSync(new URL('.github/workflows/', root)).filter((file) => /\.ya?ml$/.test(file))

  it('has CI and dist freshness workflows', () => {
    assert.ok(files.length >= 2, files.join(', '))
  })

  for (const file of files) {
    it(`.github/workflows/${file} passes GitHub's workflow parser`, () => {
      assert.deepEqual(workflowErrors(file, read(`.github/workflows/${file}`)), [])
    })
  }

  it('the README shows workflow examples', () => {
    assert.ok(readmeWorkflows.length >= 1)
  })

  readmeWorkflows.forEach((content, index) => {
    it(`README workflow example ${index + 1} passes GitHub's workflow parser`, () => {
      assert.deepEqual(workflowErrors(`readme-${index + 1}.yml`, content), [])
    })

    it(`README workflow example ${index + 1} uses only inputs action.yml declares`, () => {
      const steps = Object.values(parse(content).jobs as Record<string, { steps: { uses?: string; with?: object }[] }>)
        .flatMap((job) => job.steps)
        .filter((step) => step.uses && !step.uses.startsWith('actions/'))
      assert.ok(steps.length > 0, 'the example uses the action')
      for (const step of steps) {
        for (const key of Object.keys(step.with ?? {})) assert.ok(key in action.inputs, `'${key}' is not an input`)
      }
    })
  })
})

describe('README', () => {
  it('lists every input and output as action.yml has them (npm run docs)', () => {
    assert.equal(readme, renderReadme(readme, action))
    assert.match(readme, /<!-- inputs:start -->/)
    assert.match(readme, /<!-- outputs:start -->/)
  })

  it('names the install and test commands CI runs', () => {
    const ci = read('.ci/run')
    assert.match(readme, /npm ci/)
    assert.match(readme, /npm test/)
    assert.match(ci, /npm ci/)
    assert.match(ci, /npm test/)
  })
})
