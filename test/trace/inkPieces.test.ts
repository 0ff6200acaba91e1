import { describe, expect, it } from 'vitest'
import { type InkPiece, forEachInkPiece } from '../../src/shared/trace/inkPieces'

/** The pieces of a picture drawn as rows of '#' (ink) and '.', inside `rect` (default: all). */
function pieces(rows: string[], rect = { x0: 0, y0: 0, x1: rows[0].length, y1: rows.length }) {
  const width = rows[0].length
  const out: InkPiece[] = []
  forEachInkPiece(
    rect,
    width,
    (i) => rows[Math.floor(i / width)][i % width] === '#',
    (p) => {
      out.push(p)
    },
  )
  return out
}

describe('connected pieces of ink', () => {
  const picture = [
    '##.....', //
    '..#..#.',
    '.....#.',
    '#....##',
  ]

  it('joins pixels touching at a corner, and gives each piece its box and size', () => {
    expect(pieces(picture)).toEqual([
      { left: 0, right: 2, top: 0, bottom: 1, count: 3 },
      { left: 5, right: 6, top: 1, bottom: 3, count: 4 },
      { left: 0, right: 0, top: 3, bottom: 3, count: 1 },
    ])
  })

  it('looks only inside the rectangle: a piece is cut at its edge', () => {
    // Without column 1 the top-left piece falls apart into two.
    expect(pieces(picture, { x0: 0, y0: 0, x1: 3, y1: 2 }).length).toBe(1)
    const cut = pieces(picture.map((r) => r.slice(0, 1) + '.' + r.slice(2)))
    expect(cut.slice(0, 2)).toEqual([
      { left: 0, right: 0, top: 0, bottom: 0, count: 1 },
      { left: 2, right: 2, top: 1, bottom: 1, count: 1 },
    ])
    expect(pieces(picture, { x0: 5, y0: 2, x1: 7, y1: 4 })).toEqual([
      { left: 5, right: 6, top: 2, bottom: 3, count: 3 },
    ])
  })

  it('stops at the first piece the visitor accepts', () => {
    const seen: number[] = []
    forEachInkPiece(
      { x0: 0, y0: 0, x1: 7, y1: 4 },
      7,
      (i) => picture[Math.floor(i / 7)][i % 7] === '#',
      (p) => {
        seen.push(p.count)
        return p.count === 4
      },
    )
    expect(seen).toEqual([3, 4])
  })
})
