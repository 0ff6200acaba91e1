import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import { Image as KonvaImage, Layer, Shape, Stage } from 'react-konva'
import { cellHighlights, curveHighlights, hitBox } from '../geometry/readHighlights'
import { fitView, screenToImage, viewAfterResize, wheelFactor, zoomAbout } from '../geometry/view'
import { levelFor, useFigureImage } from '../io/figure'
import { pickCell } from '../io/figureReading'
import { useStudy } from '../store/store'
import { tools } from '../tools'
import { panTool } from '../tools/pan'
import type { Tool, ToolPointer } from '../tools/types'
import { Magnifier, usePointer } from './Magnifier'
import { OverlayLegend } from './OverlayLegend'
import { drawScene } from './scene'
import { ToCheckInPlace } from './ToCheckInPlace'

/** Screen pixels around a cell's box within which a press still picks it. */
const CELL_SLACK = 3

/**
 * The figure and its overlay. Konva draws both from the store; presses go to the active tool,
 * except the middle button and a held space bar, which pan, and the wheel, which zooms about the
 * pointer.
 */
export function FigureCanvas() {
  const container = useRef<HTMLDivElement>(null)
  const image = useFigureImage((s) => s.image)
  const state = useStudy()
  const { view, viewport, tool } = state
  const [space, setSpace] = useState(false)
  const active = useRef<{ tool: Tool; id: number } | null>(null)

  useEffect(() => {
    const element = container.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect
      const after = { width: Math.floor(width), height: Math.floor(height) }
      const { view, viewport: before } = useStudy.getState()
      // A figure shown whole stays whole as the window grows or shrinks.
      const image = useFigureImage.getState().image
      useStudy.setState({ viewport: after, view: viewAfterResize(view, image, before, after) })
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // A study just loaded, or the window's first real size, shows the whole figure.
  const sized = viewport.width > 0 && viewport.height > 0
  useEffect(() => {
    if (!image || !sized) return
    useStudy.setState({ view: fitView(image, useStudy.getState().viewport) })
  }, [state.fitRequest, image, sized])

  useEffect(() => {
    const element = container.current
    if (!element) return
    const wheel = (e: WheelEvent) => {
      e.preventDefault()
      const rect = element.getBoundingClientRect()
      const at = { x: e.clientX - rect.left, y: e.clientY - rect.top }
      useStudy.setState((s) => ({ view: zoomAbout(s.view, at, wheelFactor(e.deltaY)) }))
    }
    element.addEventListener('wheel', wheel, { passive: false })
    return () => element.removeEventListener('wheel', wheel)
  }, [])

  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && e.target === document.body) {
        e.preventDefault()
        setSpace(true)
      }
    }
    const up = (e: KeyboardEvent) => e.code === 'Space' && setSpace(false)
    window.addEventListener('keydown', down)
    window.addEventListener('keyup', up)
    return () => {
      window.removeEventListener('keydown', down)
      window.removeEventListener('keyup', up)
    }
  }, [])

  const pointerOf = (e: ReactPointerEvent): ToolPointer => {
    const rect = container.current!.getBoundingClientRect()
    const screen = { x: e.clientX - rect.left, y: e.clientY - rect.top }
    return { screen, image: screenToImage(useStudy.getState().view, screen), shift: e.shiftKey }
  }

  const onPointerDown = (e: ReactPointerEvent) => {
    if (!image || active.current) return
    // A risk cell read from the figure, outlined to check: a press on it picks it and focuses its
    // number in the risk tab, for a correction by hand (not while painting a mask or picking a
    // colour, which take presses anywhere).
    if (e.button === 0 && !space && (tool === 'add' || tool === 'select' || tool === 'axes')) {
      const cells = cellHighlights(useStudy.getState().study)
      const at = pointerOf(e).image
      const hit = hitBox(
        cells.map((c) => c.box),
        at,
        CELL_SLACK / useStudy.getState().view.scale,
      )
      if (hit >= 0) {
        e.preventDefault()
        pickCell(cells[hit].curveId, cells[hit].time)
        return
      }
    }
    const chosen = e.button === 1 || space ? panTool : e.button === 0 ? tools[tool] : null
    if (!chosen) return
    e.preventDefault()
    container.current!.focus()
    container.current!.setPointerCapture(e.pointerId)
    active.current = { tool: chosen, id: e.pointerId }
    useStudy.setState({ notice: null })
    chosen.down(pointerOf(e))
  }

  const onPointerMove = (e: ReactPointerEvent) => {
    const p = pointerOf(e)
    usePointer.setState({ pointer: p })
    if (active.current?.id === e.pointerId) active.current.tool.move(p)
  }

  const onPointerUp = (e: ReactPointerEvent) => {
    if (active.current?.id !== e.pointerId) return
    const { tool: current } = active.current
    active.current = null
    current.up(pointerOf(e))
  }

  const cursor = space || tool === 'pan' ? 'grab' : tools[tool].cursor
  const px = 1 / view.scale
  const editing = tool !== 'pan'
  const cells = editing ? cellHighlights(state.study) : []
  const unread = cells.filter((c) => c.n === null).length

  return (
    <div
      ref={container}
      className="figure-canvas"
      tabIndex={0}
      aria-label="Figure"
      data-scale={view.scale}
      data-x={view.x}
      data-y={view.y}
      data-revision={state.reconstruction.revision}
      data-current={String(state.reconstruction.of === state.study)}
      data-cells-to-check={cells.length - unread}
      data-cells-not-read={unread}
      data-curves-to-check={editing ? curveHighlights(state.study).length : 0}
      style={{ cursor }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onPointerLeave={() => usePointer.setState({ pointer: null })}
      onContextMenu={(e) => e.preventDefault()}
    >
      {image ? (
        <>
          <Stage
            width={viewport.width}
            height={viewport.height}
            scaleX={view.scale}
            scaleY={view.scale}
            x={view.x}
            y={view.y}
            listening={false}
          >
            <Layer listening={false} imageSmoothingEnabled={view.scale < 3}>
              <KonvaImage
                image={levelFor(image, view.scale)}
                width={image.width}
                height={image.height}
                listening={false}
              />
            </Layer>
            <Layer listening={false}>
              <Shape
                listening={false}
                perfectDrawEnabled={false}
                sceneFunc={(context) => drawScene(context._context, state, px, { editing })}
              />
            </Layer>
          </Stage>
          <OverlayLegend />
          {editing && <ToCheckInPlace />}
          {editing && <Magnifier />}
        </>
      ) : (
        <EmptyCanvas />
      )}
    </div>
  )
}

function EmptyCanvas() {
  const [version, setVersion] = useState('')
  useEffect(() => {
    window.kmpool.getInfo().then(
      (info) => setVersion(`${info.name} ${info.version}`),
      () => setVersion(''),
    )
  }, [])
  return (
    <div className="empty-canvas">
      <p className="empty-title">Open a Kaplan–Meier figure</p>
      <p>
        File → Open Figure (PNG, JPEG, WebP, BMP or a PDF page), drop an image on this window, or
        paste one from the clipboard. File → Open Study reopens a saved study.
      </p>
      <p>
        To try it: open the figure of <code>examples/bonner2006.kmstudy</code> (File → Open Study),
        or Help → Open Example Review for a whole review.
      </p>
      <p className="muted">{version}</p>
    </div>
  )
}
