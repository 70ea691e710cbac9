/** One record of a CSV file, as the scanner saw it. */
export interface CsvRecord {
  /** 0 for the header. */
  index: number
  /** The line the record starts on, counting from 1. */
  line: number
  fields: number
  /** The values: kept for the header only, so memory stays flat, unless asked for every record. */
  values?: string[]
}

export interface CsvScanResult {
  records: number
  /** True when the file ends inside a quoted field: it was cut short. */
  endsInQuotes: boolean
}

const QUOTE = 0x22
const COMMA = 0x2c
const LF = 0x0a
const CR = 0x0d

/**
 * Splits CSV text (RFC 4180, as Ghost writes it: quoted fields may hold commas, quotes
 * and line breaks; lines end in LF or CRLF) into records, fed in chunks of any size.
 * It counts fields instead of keeping them, so a file of any length scans in flat memory.
 */
export class CsvScanner {
  private records = 0
  private line = 1
  private recordLine = 1
  private fields = 1
  private inQuotes = false
  /** Just after the quote that closed a quoted field (or the first of a doubled quote). */
  private afterQuote = false
  private fieldStarted = false
  private recordStarted = false
  private skipLf = false
  private value = ''
  private values: string[] = []
  /** Blank lines held back: at the end of the file they are no record, before another they are. */
  private blankLines: number[] = []

  /**
   * @param keepValues hand every record's values to `onRecord`, not only the header's
   */
  constructor(
    private readonly onRecord: (record: CsvRecord) => void,
    private readonly onFault: (line: number, text: string) => void,
    private readonly keepValues = false,
  ) {}

  push(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (this.skipLf) {
        this.skipLf = false
        if (code === LF) continue
      }
      if (this.inQuotes) {
        if (code === QUOTE) {
          this.inQuotes = false
          this.afterQuote = true
        } else {
          if (code === LF) this.line++
          this.keep(text[i]!)
        }
        continue
      }
      if (this.afterQuote) {
        this.afterQuote = false
        if (code === QUOTE) {
          // A doubled quote inside a quoted field stands for one quote.
          this.inQuotes = true
          this.keep('"')
          continue
        }
        if (code !== COMMA && code !== LF && code !== CR) this.onFault(this.line, 'text after a closing quote')
      }
      this.recordStarted = true
      if (code === COMMA) {
        this.endField()
        this.fields++
      } else if (code === LF || code === CR) {
        this.endRecord()
        this.line++
        this.skipLf = code === CR
      } else if (code === QUOTE && !this.fieldStarted) {
        this.inQuotes = true
        this.fieldStarted = true
      } else {
        if (code === QUOTE) this.onFault(this.line, 'a quote inside an unquoted field')
        this.fieldStarted = true
        this.keep(text[i]!)
      }
    }
  }

  end(): CsvScanResult {
    if (!this.inQuotes && this.recordStarted) this.endRecord()
    return { records: this.records, endsInQuotes: this.inQuotes }
  }

  private keep(char: string): void {
    this.fieldStarted = true
    if (this.keeping()) this.value += char
  }

  private keeping(): boolean {
    return this.keepValues || this.records === 0
  }

  private endField(): void {
    if (this.keeping()) this.values.push(this.value)
    this.value = ''
    this.fieldStarted = false
  }

  private endRecord(): void {
    const blank = this.fields === 1 && !this.fieldStarted
    this.endField()
    if (blank) this.blankLines.push(this.recordLine)
    else {
      for (const line of this.blankLines) this.emit(line, 1, [''])
      this.blankLines = []
      this.emit(this.recordLine, this.fields, this.values)
    }
    this.values = []
    this.fields = 1
    this.recordStarted = false
    this.recordLine = this.line + 1
  }

  private emit(line: number, fields: number, values: string[]): void {
    this.onRecord({ index: this.records, line, fields, ...(this.keeping() ? { values } : {}) })
    this.records++
  }
}
