/**
 * Hostile files, made at test time (the large ones are sparse or compress to little, so nothing
 * big is committed): images whose header lies, PDFs built to exhaust a reader, studies and reviews
 * that reach outside their folder or carry values that size work.
 */
import { deflateSync, crc32 } from 'node:zlib'

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), 8 + data.length)
  return out
}

/**
 * A PNG of `width` × `height` grey pixels. The pixel data is real only for small images; a large
 * one gets the IDAT of a single row, so its header claims what a decoder would have to allocate
 * (a decompression bomb needs no more to be refused from its header).
 */
export function png(width: number, height: number, options: { text?: string } = {}): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 0, 0, 0, 0], 8)
  const rows = width * height <= 1e6 ? height : 1
  const raw = Buffer.alloc(rows * (width + 1), 0x80)
  for (let r = 0; r < rows; r++) raw[r * (width + 1)] = 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(options.text ? [chunk('tEXt', Buffer.from(`Comment\0${options.text}`, 'latin1'))] : []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ])
}

/** A minimal PDF with one page of `content` (compressed when `compress`) and extra objects. */
export function pdf(content: Buffer, options: { compress?: boolean; extra?: string[] } = {}) {
  const stream = options.compress ? deflateSync(content) : content
  const filter = options.compress ? ' /Filter /FlateDecode' : ''
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
    ),
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length}${filter} >>\nstream\n`),
      stream,
      Buffer.from('\nendstream'),
    ]),
    ...(options.extra ?? ['<< >>']).map((o) => Buffer.from(o, 'latin1')),
  ]
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')]
  const offsets: number[] = []
  let at = parts[0].length
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')])
    offsets.push(at)
    parts.push(obj)
    at += obj.length
  })
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`,
  ].join('')
  return Buffer.concat([...parts, Buffer.from(xref)])
}

/** A page whose content stream inflates to `mb` megabytes of path operators. */
export function contentBombPdf(mb: number): Buffer {
  const unit = Buffer.from('0 0 m 1 1 l S\n')
  const content = Buffer.alloc(mb * 1024 * 1024)
  for (let i = 0; i + unit.length <= content.length; i += unit.length) unit.copy(content, i)
  return pdf(content, { compress: true })
}

/** A page that draws one image whose dictionary claims `side` × `side` pixels. */
export function hugeImagePdf(side: number): Buffer {
  const data = deflateSync(Buffer.alloc(side))
  const image = Buffer.concat([
    Buffer.from(
      `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
    ),
    data,
    Buffer.from('\nendstream'),
  ]).toString('latin1')
  return pdf(Buffer.from('q 300 0 0 200 0 0 cm /Im1 Do Q\n'), { extra: [image] })
}
