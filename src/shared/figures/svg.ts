/**
 * A few SVG elements written as text, so that figures are made in pure TypeScript (the app's
 * renderer, its main process and the command line alike) and look the same everywhere. Lengths
 * are in points (1/72 inch): a figure knows its physical size, and a PNG of it at 300 dpi is
 * width/72·300 pixels wide.
 */

/** A finished figure: the SVG text and its size in points. */
export interface Figure {
  svg: string
  width: number
  height: number
}

export const FONT_FAMILY = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif"

/** Text for SVG content and attribute values. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** A coordinate to two decimals (a hundredth of a point is far below a printer's dot). */
export function n(x: number): string {
  const r = Math.round(x * 100) / 100
  return Object.is(r, -0) ? '0' : String(r)
}

type Attrs = Record<string, string | number | null | undefined>

function attrs(a: Attrs): string {
  let s = ''
  for (const [k, v] of Object.entries(a)) {
    if (v === null || v === undefined) continue
    s += ` ${k}="${typeof v === 'number' ? n(v) : esc(v)}"`
  }
  return s
}

/** An element with attributes and, optionally, children (already SVG text). */
export function el(name: string, a: Attrs, children?: string): string {
  return children === undefined
    ? `<${name}${attrs(a)}/>`
    : `<${name}${attrs(a)}>${children}</${name}>`
}

export interface TextStyle {
  size: number
  anchor?: 'start' | 'middle' | 'end'
  bold?: boolean
  italic?: boolean
  fill?: string
  /** Rotation in degrees about (x, y). */
  rotate?: number
}

/**
 * Text with its baseline at y. Vertical centring is left to callers (baseline = centre + 0.35 ×
 * size for DejaVu's digits and capitals), because renderers disagree on `dominant-baseline`.
 */
export function text(x: number, y: number, content: string, style: TextStyle): string {
  return el(
    'text',
    {
      x,
      y,
      'font-size': style.size,
      'text-anchor': style.anchor && style.anchor !== 'start' ? style.anchor : null,
      'font-weight': style.bold ? 'bold' : null,
      'font-style': style.italic ? 'italic' : null,
      fill: style.fill && style.fill !== '#000000' ? style.fill : null,
      transform: style.rotate ? `rotate(${n(style.rotate)} ${n(x)} ${n(y)})` : null,
    },
    esc(content),
  )
}

export function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  width: number,
  dash?: string,
): string {
  return el('line', {
    x1,
    y1,
    x2,
    y2,
    stroke,
    'stroke-width': width,
    'stroke-dasharray': dash ?? null,
  })
}

/** A path through points, `M x y L x y …`, optionally closed. */
export function pathData(points: readonly (readonly [number, number])[], close = false): string {
  const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${n(x)} ${n(y)}`).join('')
  return close ? `${d}Z` : d
}

/** The whole document: white background, DejaVu Sans, a title for screen readers. */
export function svgDocument(width: number, height: number, title: string, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}pt" height="${n(height)}pt" viewBox="0 0 ${n(width)} ${n(height)}" font-family="${esc(FONT_FAMILY)}">`,
    `<title>${esc(title)}</title>`,
    el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }),
    body,
    '</svg>',
    '',
  ].join('\n')
}
