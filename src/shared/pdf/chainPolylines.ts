import type { Point } from './matrix'

/** A polyline made of pieces joined end to start, with the indices of the pieces, in order. */
export interface Chain {
  points: Point[]
  members: number[]
}

/** Vertices this close (pixels) are one: producers write a shared vertex from the same number. */
const SAME_PX = 1e-3

const key = (p: Point) => `${Math.round(p.x / SAME_PX)},${Math.round(p.y / SAME_PX)}`

/**
 * Joins polylines that continue one another: piece B follows piece A when B starts where A ends
 * and no other piece starts or ends there, so that a curve drawn one segment at a time (as some
 * PDF writers do) becomes one polyline again, while two curves that share a vertex (every KM curve
 * starts at time 0, survival 1) stay apart. Pieces are taken in the direction given; a closed
 * piece, or a cycle of pieces, is left as it is. Every input piece is in exactly one chain.
 */
export function chainPolylines(pieces: readonly (readonly Point[])[]): Chain[] {
  const starts = new Map<string, number[]>()
  const ends = new Map<string, number[]>()
  const add = (m: Map<string, number[]>, k: string, i: number) => {
    const list = m.get(k)
    if (list) list.push(i)
    else m.set(k, [i])
  }
  pieces.forEach((p, i) => {
    add(starts, key(p[0]), i)
    add(ends, key(p[p.length - 1]), i)
  })
  const next = (i: number): number | null => {
    const k = key(pieces[i][pieces[i].length - 1])
    const s = starts.get(k)
    const e = ends.get(k)
    if (!s || s.length !== 1 || !e || e.length !== 1 || s[0] === i) return null
    return s[0]
  }
  const hasPrevious = new Set<number>()
  pieces.forEach((_, i) => {
    const j = next(i)
    if (j !== null) hasPrevious.add(j)
  })
  const used = new Set<number>()
  const chains: Chain[] = []
  const walk = (first: number) => {
    const chain: Chain = { points: [...pieces[first]], members: [first] }
    used.add(first)
    for (let j = next(first); j !== null && !used.has(j); j = next(j)) {
      used.add(j)
      chain.members.push(j)
      chain.points.push(...pieces[j].slice(1))
    }
    chains.push(chain)
  }
  pieces.forEach((_, i) => {
    if (!hasPrevious.has(i)) walk(i)
  })
  // What is left belongs to cycles of pieces; each is kept as one chain from its lowest index.
  pieces.forEach((_, i) => {
    if (!used.has(i)) walk(i)
  })
  return chains
}
