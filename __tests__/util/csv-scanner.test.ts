import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type CsvRecord, CsvScanner } from '../../src/util/csv-scanner.js'

/** Scans `text` fed in pieces of `size` characters: a record must not care where a chunk ends. */
function scan(text: string, size = Math.max(1, text.length)) {
  const records: CsvRecord[] = []
  const faults: string[] = []
  const scanner = new CsvScanner(
    (record) => records.push(record),
    (line, fault) => faults.push(`${line}: ${fault}`),
  )
  for (let at = 0; at < text.length; at += size) scanner.push(text.slice(at, at + size))
  return { ...scanner.end(), list: records, faults }
}

describe('CsvScanner', () => {
  const csv = 'email,note\r\na@x,"one, two"\r\nb@x,"line\r\nbreak and ""quote"""\r\nc@x,\r\n'
  const expected: CsvRecord[] = [
    { index: 0, line: 1, fields: 2, values: ['email', 'note'] },
    { index: 1, line: 2, fields: 2 },
    { index: 2, line: 3, fields: 2 },
    { index: 3, line: 5, fields: 2 },
  ]

  it('splits records through quotes, commas and line breaks, however the text is chunked', () => {
    for (const size of [1, 2, 3, 7, csv.length]) {
      const result = scan(csv, size)
      assert.deepEqual(result.list, expected, `chunks of ${size}`)
      assert.deepEqual([result.records, result.endsInQuotes, result.faults], [4, false, []], `chunks of ${size}`)
    }
  })

  it('takes LF, CRLF and a last line without a line break alike', () => {
    assert.deepEqual(scan(csv.replace(/\r\n/g, '\n')).list, expected)
    assert.deepEqual(scan(csv.slice(0, -2)).list, expected)
  })

  it('keeps the header values, unquoted', () => {
    assert.deepEqual(scan('"e,mail","say ""hi"""\n1,2').list[0]!.values, ['e,mail', 'say "hi"'])
  })

  it('says when the text ends inside a quoted field, and leaves that record out', () => {
    const result = scan('email,note\na@x,"cut')
    assert.deepEqual([result.records, result.endsInQuotes], [1, true])
  })

  it('ignores blank lines at the end but counts one between records', () => {
    assert.equal(scan('email\na@x\n\n\n').records, 2)
    const result = scan('email\na@x\n\nb@x\n')
    assert.deepEqual(
      result.list.map((record) => [record.line, record.fields]),
      [
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 1],
      ],
    )
  })

  it('reports quotes out of place with their line', () => {
    assert.deepEqual(scan('email,note\na@x,ab"c\nb@x,"d"e\n').faults, [
      '2: a quote inside an unquoted field',
      '3: text after a closing quote',
    ])
  })

  it('gives an empty text no records', () => {
    assert.deepEqual([scan('').records, scan('').endsInQuotes], [0, false])
  })
})
