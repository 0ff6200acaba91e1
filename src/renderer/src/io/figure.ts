/**
 * Figures: decoding the embedded bytes into images the canvas draws, a pyramid of smaller copies
 * so that a 4000×3000 scan pans smoothly when zoomed out, and figures dropped or pasted.
 */
import { create } from 'zustand'
import type { FigureFile, FigureMime } from '../../../shared/ipc/contract'
import { emptyStudy, type Study, type StudyFigure } from '../../../shared/model/study'

export interface FigureImage {
  sha256: string
  width: number
  height: number
  /** The full image first, then copies halved in size down to about 1,000 pixels. */
  levels: ImageBitmap[]
}

export const useFigureImage = create<{ image: FigureImage | null }>(() => ({ image: null }))

const FIGURE_MIMES: readonly FigureMime[] = ['image/png', 'image/jpeg', 'image/webp', 'image/bmp']

export function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
}

async function pyramid(full: ImageBitmap): Promise<ImageBitmap[]> {
  const levels = [full]
  let { width, height } = full
  while (Math.max(width, height) > 1200) {
    width = Math.max(1, Math.round(width / 2))
    height = Math.max(1, Math.round(height / 2))
    levels.push(
      await createImageBitmap(levels[levels.length - 1], {
        resizeWidth: width,
        resizeHeight: height,
        resizeQuality: 'medium',
      }),
    )
  }
  return levels
}

/** The level to draw at `scale` screen pixels per image pixel: the smallest still sharp enough. */
export function levelFor(image: FigureImage, scale: number): ImageBitmap {
  const needed = image.width * scale * (globalThis.devicePixelRatio || 1)
  let chosen = image.levels[0]
  for (const level of image.levels) if (level.width >= needed) chosen = level
  return chosen
}

async function decode(data: string, mime: FigureMime): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(new Blob([base64ToBytes(data)], { type: mime }))
  } catch {
    throw new Error('the image could not be decoded; it may be damaged')
  }
}

/**
 * Smaller copies pay off only for large scans: drawing a figure up to this size scaled down costs
 * a few milliseconds, while making its copies blocks the page for about 50 ms per 1.4 megapixels
 * (measured in Chromium for the 1400×1000 lung figure), longer than a reviewer's next gesture may
 * wait (issue 13: every action under 200 ms).
 */
const PYRAMID_ABOVE = 2400

/**
 * The decoded figure, shown at once at full size; a large scan's smaller copies for zoomed-out
 * drawing are made once the page is idle, then replace it.
 */
function setImage(sha256: string, full: ImageBitmap): void {
  useFigureImage.setState({
    image: { sha256, width: full.width, height: full.height, levels: [full] },
  })
  if (Math.max(full.width, full.height) <= PYRAMID_ABOVE) return
  requestIdleCallback(
    () =>
      void pyramid(full).then((levels) => {
        const image = useFigureImage.getState().image
        if (image?.sha256 === sha256 && image.levels[0] === full) {
          useFigureImage.setState({ image: { ...image, levels } })
        }
      }),
    { timeout: 2000 },
  )
}

/** Decodes a study's embedded figure for the canvas (once per image). */
export async function showFigure(figure: StudyFigure | null): Promise<void> {
  if (!figure?.data) {
    useFigureImage.setState({ image: null })
    return
  }
  if (useFigureImage.getState().image?.sha256 === figure.sha256) return
  setImage(figure.sha256, await decode(figure.data, figure.mime))
}

/** A new study around an image file: decoded first, so a broken file never replaces the study. */
export async function studyFromFigure(file: FigureFile): Promise<Study> {
  const full = await decode(file.data, file.mime)
  const study = emptyStudy()
  study.figure = {
    name: file.name,
    mime: file.mime,
    sha256: file.sha256,
    width: full.width,
    height: full.height,
    data: file.data,
  }
  study.record.label = file.name.replace(/\.[^.]+$/, '')
  setImage(file.sha256, full)
  return study
}

/** A dropped or pasted image as the figure file main would have read. */
export async function figureFileFromBlob(blob: Blob, name: string): Promise<FigureFile> {
  const mime = FIGURE_MIMES.find((m) => m === blob.type)
  if (!mime) throw new Error(`${name} is not a PNG, JPEG, WebP or BMP image`)
  const bytes = new Uint8Array(await blob.arrayBuffer())
  return {
    name,
    mime,
    data: bytesToBase64(bytes),
    sha256: await sha256Hex(bytes),
    size: bytes.length,
  }
}
