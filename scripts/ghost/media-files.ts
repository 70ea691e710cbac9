/**
 * Small but valid audio and document files generated in code, for Ghost's
 * media and file uploads.
 */

/** A mono 16-bit PCM WAV holding a sine tone. */
export function makeWav(options: { frequencyHz: number; durationMs: number; sampleRate?: number }): Buffer {
  const sampleRate = options.sampleRate ?? 8000
  const samples = Math.round((sampleRate * options.durationMs) / 1000)
  const dataBytes = samples * 2
  const wav = Buffer.alloc(44 + dataBytes)
  wav.write('RIFF', 0, 'ascii')
  wav.writeUInt32LE(36 + dataBytes, 4)
  wav.write('WAVE', 8, 'ascii')
  wav.write('fmt ', 12, 'ascii')
  wav.writeUInt32LE(16, 16) // fmt chunk size
  wav.writeUInt16LE(1, 20) // PCM
  wav.writeUInt16LE(1, 22) // mono
  wav.writeUInt32LE(sampleRate, 24)
  wav.writeUInt32LE(sampleRate * 2, 28) // byte rate
  wav.writeUInt16LE(2, 32) // block align
  wav.writeUInt16LE(16, 34) // bits per sample
  wav.write('data', 36, 'ascii')
  wav.writeUInt32LE(dataBytes, 40)
  for (let i = 0; i < samples; i++) {
    const value = Math.round(Math.sin((2 * Math.PI * options.frequencyHz * i) / sampleRate) * 12_000)
    wav.writeInt16LE(value, 44 + i * 2)
  }
  return wav
}

function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`
}

/** A one-page PDF with a line of text, with a correct cross-reference table. */
export function makePdf(lines: string[]): Buffer {
  const content = [
    'BT',
    '/F1 16 Tf',
    '20 110 Td',
    ...lines.flatMap((line, i) => (i === 0 ? [`${pdfString(line)} Tj`] : ['0 -22 Td', `${pdfString(line)} Tj`])),
    'ET',
  ].join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 320 144] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'))
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xrefOffset = Buffer.byteLength(body, 'latin1')
  // Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, flag, CR LF.
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n\r\n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}
