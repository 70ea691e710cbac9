/**
 * Builders for Ghost's lexical document format (what its editor saves),
 * limited to the nodes the seeded posts use.
 */
import type { SeededUpload } from './seed-uploads.js'

type LexicalNode = Record<string, unknown>

export function paragraph(text: string): LexicalNode {
  return {
    children: [{ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'extended-text', version: 1 }],
    direction: 'ltr',
    format: '',
    indent: 0,
    type: 'paragraph',
    version: 1,
  }
}

export function imageCard(image: SeededUpload, width: number, height: number, caption: string): LexicalNode {
  return {
    type: 'image',
    version: 1,
    src: image.url,
    width,
    height,
    title: '',
    alt: caption,
    caption,
    cardWidth: 'regular',
    href: '',
  }
}

export function audioCard(audio: SeededUpload, title: string, durationSeconds: number): LexicalNode {
  return {
    type: 'audio',
    version: 1,
    src: audio.url,
    title,
    duration: durationSeconds,
    mimeType: 'audio/wav',
    thumbnailSrc: '',
  }
}

export function fileCard(file: SeededUpload, title: string): LexicalNode {
  return {
    type: 'file',
    version: 1,
    src: file.url,
    fileTitle: title,
    fileCaption: '',
    fileName: file.uploadedName,
    fileSize: file.size,
  }
}

/** Serialises a document the way the editor stores it: a JSON string. */
export function lexicalDocument(children: LexicalNode[]): string {
  return JSON.stringify({ root: { children, direction: 'ltr', format: '', indent: 0, type: 'root', version: 1 } })
}
