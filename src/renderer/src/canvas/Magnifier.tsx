import { useEffect, useRef } from 'react'
import { create } from 'zustand'
import { useFigureImage } from '../io/figure'
import { useStudy } from '../store/store'
import type { ToolPointer } from '../tools/types'
import { drawScene } from './scene'

/** Where the pointer is over the figure; kept apart so moving it redraws only the magnifier. */
export const usePointer = create<{ pointer: ToolPointer | null }>(() => ({ pointer: null }))

const SIZE = 150
const ZOOM = 4
const MAX_SCALE = 32

/**
 * A loupe that follows the pointer: the figure around it magnified four times the current zoom,
 * with the overlay and a crosshair, for placing and adjusting points to the pixel.
 */
export function Magnifier() {
  const canvas = useRef<HTMLCanvasElement>(null)
  const pointer = usePointer((s) => s.pointer)
  const image = useFigureImage((s) => s.image)
  const state = useStudy()

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d')
    if (!ctx || !pointer || !image) return
    const dpr = globalThis.devicePixelRatio || 1
    const scale = Math.min(MAX_SCALE, state.view.scale * ZOOM)
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.fillStyle = '#f3f4f6'
    ctx.fillRect(0, 0, SIZE, SIZE)
    ctx.save()
    ctx.translate(SIZE / 2, SIZE / 2)
    ctx.scale(scale, scale)
    ctx.translate(-pointer.image.x, -pointer.image.y)
    ctx.imageSmoothingEnabled = false
    ctx.drawImage(image.levels[0], 0, 0)
    drawScene(ctx, state, 1 / scale, { editing: true })
    ctx.restore()
    ctx.strokeStyle = 'rgba(220, 38, 38, 0.9)'
    ctx.lineWidth = 1
    ctx.beginPath()
    ctx.moveTo(SIZE / 2, 0)
    ctx.lineTo(SIZE / 2, SIZE)
    ctx.moveTo(0, SIZE / 2)
    ctx.lineTo(SIZE, SIZE / 2)
    ctx.stroke()
  }, [pointer, image, state])

  if (!pointer) return null
  const { width, height } = state.viewport
  // Up and to the right of the pointer, where a falling KM curve has least to hide; flipped at
  // the canvas's edges.
  let left = pointer.screen.x + 24
  let top = pointer.screen.y - 24 - SIZE
  if (left + SIZE > width) left = pointer.screen.x - 24 - SIZE
  if (top < 0) top = Math.min(height - SIZE, pointer.screen.y + 24)
  const dpr = globalThis.devicePixelRatio || 1
  return (
    <canvas
      ref={canvas}
      className="magnifier"
      aria-hidden="true"
      width={SIZE * dpr}
      height={SIZE * dpr}
      style={{ left, top, width: SIZE, height: SIZE }}
    />
  )
}
