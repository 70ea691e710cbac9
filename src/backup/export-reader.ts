/**
 * Reads Ghost's content export (`{"db":[{"meta":{...},"data":{"posts":[...],...}}]}`) one row at a time
 * straight from its bytes. JSON.parse of the whole text holds the text as a string (often two bytes a
 * character) and the whole parsed tree at once, several times the file's size; here only the Buffer and
 * one value are alive at a time.
 *
 * The skeleton down to the rows is parsed here, strictly. Every other value is only located here (finding
 * where a value ends is far cheaper than parsing it) and then handed to JSON.parse, so the file is still
 * validated as JSON from end to end, yet no string is bigger than the largest single value.
 */

export type ExportProblem = 'not-json' | 'cut-short' | 'shape'

/** Why an export could not be read; callers word the message for their user. */
export class ExportReadError extends Error {
  constructor(
    readonly problem: ExportProblem,
    message: string,
  ) {
    super(message)
    this.name = 'ExportReadError'
  }
}

export interface ExportVisitor {
  /** db[0].meta, parsed whole (whatever JSON value it is). */
  meta?(meta: unknown): void
  /** Each key of db[0].data in file order, before its rows; `isList` is false when its value is not an array. */
  table?(name: string, isList: boolean): void
  /** Each element of a db[0].data table that is an array, parsed on its own with JSON.parse. */
  row?(table: string, row: unknown): void
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const END = -1

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/** Walks Ghost's export in `bytes` (UTF-8, optional BOM), handing each table row to `visitor` as it goes. */
export function readExport(bytes: Buffer, visitor: ExportVisitor): void {
  new Reader(bytes, visitor).read()
}

class Reader {
  private pos = 0

  constructor(
    private readonly bytes: Buffer,
    private readonly visitor: ExportVisitor,
  ) {}

  read(): void {
    const { bytes } = this
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.pos = 3
    const first = this.next()
    if (first === END) {
      throw new ExportReadError('not-json', this.pos === 0 ? 'the export is empty' : 'the export is only whitespace')
    }
    if (first === OPEN_BRACKET) throw new ExportReadError('shape', 'the JSON is an array, not an object with db')
    if (first !== OPEN_BRACE) {
      const start = bytes.toString('utf8', this.pos, this.pos + 40).split('\n')[0]
      throw new ExportReadError('not-json', `not JSON: it starts with ${JSON.stringify(start)}`)
    }

    let sawDb = false
    this.object((key) => {
      if (key !== 'db') return void this.value()
      // JSON.parse would keep the last of two; rows of the first would already have gone out.
      if (sawDb) throw new ExportReadError('shape', 'db appears twice')
      sawDb = true
      this.db()
    })
    if (this.next() !== END) {
      throw new ExportReadError('not-json', `not JSON: more follows the JSON, at byte ${this.pos}`)
    }
    if (!sawDb) throw new ExportReadError('shape', 'there is no db key')
  }

  private db(): void {
    if (this.bytes[this.pos] !== OPEN_BRACKET) this.notA('db', 'an array')
    const count = this.array((index) => (index === 0 ? this.firstDb() : void this.value()))
    if (count === 0) throw new ExportReadError('shape', 'db is empty')
  }

  private firstDb(): void {
    if (this.bytes[this.pos] !== OPEN_BRACE) this.notA('db[0]', 'an object')
    let sawMeta = false
    let sawData = false
    this.object((key) => {
      if (key === 'meta') {
        if (sawMeta) throw new ExportReadError('shape', 'db[0].meta appears twice')
        sawMeta = true
        const meta = this.value()
        this.visitor.meta?.(meta)
      } else if (key === 'data') {
        if (sawData) throw new ExportReadError('shape', 'db[0].data appears twice')
        sawData = true
        this.data()
      } else {
        this.value()
      }
    })
  }

  private data(): void {
    if (this.bytes[this.pos] !== OPEN_BRACE) this.notA('db[0].data', 'an object')
    const { visitor } = this
    this.object((name) => {
      const isList = this.bytes[this.pos] === OPEN_BRACKET
      visitor.table?.(name, isList)
      if (!isList) return void this.value()
      this.array(() => {
        const row = this.value()
        visitor.row?.(name, row)
      })
    })
  }

  /** Checks the value at the cursor is JSON before calling it the wrong shape, so broken bytes say so. */
  private notA(path: string, kind: string): never {
    this.value()
    throw new ExportReadError('shape', `${path} is not ${kind}`)
  }

  /** An object at the cursor; `member` is called at each value and must consume it. */
  private object(member: (key: string) => void): void {
    this.pos++
    if (this.expect('a key or }') === CLOSE_BRACE) {
      this.pos++
      return
    }
    for (;;) {
      if (this.expect('a key') !== QUOTE) throw this.unexpected('a key')
      const key = this.value() as string
      if (this.expect("':'") !== COLON) throw this.unexpected("':'")
      this.pos++
      this.expect('a value')
      member(key)
      const after = this.expect("',' or '}'")
      if (after === CLOSE_BRACE) {
        this.pos++
        return
      }
      if (after !== COMMA) throw this.unexpected("',' or '}'")
      this.pos++
    }
  }

  /** An array at the cursor; `element` is called at each value and must consume it. Returns the count. */
  private array(element: (index: number) => void): number {
    this.pos++
    if (this.expect('a value or ]') === CLOSE_BRACKET) {
      this.pos++
      return 0
    }
    for (let index = 0; ; index++) {
      this.expect('a value')
      element(index)
      const after = this.expect("',' or ']'")
      if (after === CLOSE_BRACKET) {
        this.pos++
        return index + 1
      }
      if (after !== COMMA) throw this.unexpected("',' or ']'")
      this.pos++
    }
  }

  /** Parses the value at the cursor on its own and moves past it. */
  private value(): unknown {
    const { bytes } = this
    const start = this.pos
    const end = valueEnd(bytes, start)
    if (end === END) {
      throw new ExportReadError('cut-short', `the JSON ends part-way, in the value at byte ${start} of ${bytes.length}`)
    }
    if (end === start) throw this.unexpected('a value')
    this.pos = end
    try {
      return JSON.parse(bytes.toString('utf8', start, end))
    } catch (error) {
      throw new ExportReadError('not-json', `not JSON: the value at byte ${start} (${(error as Error).message})`)
    }
  }

  /** Skips whitespace; the byte at the cursor, or END. */
  private next(): number {
    const { bytes } = this
    let pos = this.pos
    while (pos < bytes.length && isSpace(bytes[pos])) pos++
    this.pos = pos
    return pos < bytes.length ? bytes[pos] : END
  }

  /** Like next, but running out here means the bytes stop inside the structure. */
  private expect(what: string): number {
    const c = this.next()
    if (c === END) {
      throw new ExportReadError('cut-short', `the JSON ends part-way, at byte ${this.pos} where ${what} should be`)
    }
    return c
  }

  private unexpected(what: string): ExportReadError {
    const c = this.bytes[this.pos]
    const found = c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`
    return new ExportReadError('not-json', `not JSON: expected ${what} at byte ${this.pos}, found ${found}`)
  }
}

/**
 * Where the value starting at `start` ends (exclusive), or END if the bytes run out first. It only has to
 * be right for valid JSON: anything else fails JSON.parse of the slice afterwards.
 */
function valueEnd(bytes: Buffer, start: number): number {
  const c = bytes[start]
  if (c === QUOTE) return stringEnd(bytes, start + 1)
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return containerEnd(bytes, start)
  for (let i = start; i < bytes.length; i++) {
    const d = bytes[i]
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) return i
  }
  // The top value is always an object, so a number or word cannot be the last thing in a whole file.
  return END
}

/** Counts brackets byte by byte only between strings; strings, the bulk of an export, are jumped over. */
function containerEnd(bytes: Buffer, start: number): number {
  const length = bytes.length
  let depth = 0
  let i = start
  while (i < length) {
    const c = bytes[i]
    if (c === QUOTE) {
      i = stringEnd(bytes, i + 1)
      if (i === END) return END
      continue
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1
    i++
  }
  return END
}

/**
 * Just past the quote closing a string whose contents start at `from`. UTF-8 never puts a `"` or `\` byte
 * inside a multi-byte character, so searching bytes is safe; a quote is escaped when an odd run of
 * backslashes comes right before it (`\"` is a quote in the text, `\\"` ends the string).
 */
function stringEnd(bytes: Buffer, from: number): number {
  let quote = bytes.indexOf(QUOTE, from)
  while (quote !== END) {
    let before = quote - 1
    // The opening quote stops this run, so it cannot go past the string's start.
    while (bytes[before] === BACKSLASH) before--
    if ((quote - before) % 2 === 1) return quote + 1
    quote = bytes.indexOf(QUOTE, quote + 1)
  }
  return END
}
