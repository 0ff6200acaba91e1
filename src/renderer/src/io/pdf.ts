/**
 * PDF figures: choosing a page of a PDF opened in File → Open figure, its scale and a crop; the
 * page rendered by main becomes the study's figure (a PNG, embedded like any image), and the
 * page's vector curves are read by main and offered like suggested curves.
 */
import { create } from 'zustand'
import type { PdfDocument } from '../../../shared/ipc/contract'
import type { StudyFigure } from '../../../shared/model/study'
import { loadStudy, notify, useStudy } from '../store/store'
import { studyFromFigure } from './figure'
import { messageOf } from './messages'
import { traceCalibration, useTrace } from './trace'

export interface Crop {
  x: number
  y: number
  width: number
  height: number
}

/** Previews are drawn at this many pixels per point (54 per inch): a page fits the dialog. */
export const PREVIEW_SCALE = 0.75
export const DEFAULT_PDF_SCALE = 2
export const PDF_SCALES = [1, 1.5, 2, 3, 4]

export interface PdfPicker {
  doc: PdfDocument
  page: number
  scale: number
  /** The chosen page at PREVIEW_SCALE, as a data URL, with its size. */
  preview: { url: string; width: number; height: number } | null
  /** The crop in the preview's pixels; null: the whole page. */
  crop: Crop | null
  busy: boolean
  error: string | null
}

interface PdfState {
  picker: PdfPicker | null
  /** The open PDF each figure rendered this session came from, by the figure's SHA-256. */
  tokens: Record<string, string>
}

export const usePdf = create<PdfState>(() => ({ picker: null, tokens: {} }))

const setPicker = (patch: Partial<PdfPicker>) =>
  usePdf.setState((s) => (s.picker ? { picker: { ...s.picker, ...patch } } : s))

/** Shows the page chooser for a PDF main has opened, on its first page. */
export function startPdfPicker(doc: PdfDocument): void {
  usePdf.setState({
    picker: {
      doc,
      page: 1,
      scale: DEFAULT_PDF_SCALE,
      preview: null,
      crop: null,
      busy: false,
      error: null,
    },
  })
  void choosePage(1)
}

/** Renders the preview of page `page`; a failure stays in the chooser, said in its words. */
export async function choosePage(page: number): Promise<void> {
  const picker = usePdf.getState().picker
  if (!picker) return
  setPicker({ page, preview: null, crop: null, busy: true, error: null })
  try {
    const rendered = await window.kmpool.renderPdfPage({
      token: picker.doc.token,
      page,
      scale: PREVIEW_SCALE,
    })
    if (usePdf.getState().picker?.page !== page) return
    setPicker({
      preview: {
        url: `data:image/png;base64,${rendered.data}`,
        width: rendered.width,
        height: rendered.height,
      },
    })
  } catch (error) {
    setPicker({ error: messageOf(error) })
  } finally {
    if (usePdf.getState().picker?.page === page) setPicker({ busy: false })
  }
}

/** The preview's crop in the pixels of the page rendered at `scale`. */
export function cropAtScale(crop: Crop, scale: number): Crop {
  const k = scale / PREVIEW_SCALE
  const x = Math.round(crop.x * k)
  const y = Math.round(crop.y * k)
  return {
    x,
    y,
    width: Math.max(1, Math.round((crop.x + crop.width) * k) - x),
    height: Math.max(1, Math.round((crop.y + crop.height) * k) - y),
  }
}

export function cancelPdf(): void {
  usePdf.setState({ picker: null })
}

/** Renders the chosen page (and crop) at the chosen scale and makes it the study's figure. */
export async function confirmPdf(): Promise<void> {
  const picker = usePdf.getState().picker
  if (!picker || picker.busy) return
  const { doc, page, scale } = picker
  const crop = picker.crop ? cropAtScale(picker.crop, scale) : undefined
  setPicker({ busy: true, error: null })
  try {
    const rendered = await window.kmpool.renderPdfPage({
      token: doc.token,
      page,
      scale,
      ...(crop ? { crop } : {}),
    })
    const study = await studyFromFigure(rendered)
    const source: NonNullable<StudyFigure['source']> = { kind: 'pdf', name: doc.name, page, scale }
    if (crop) source.crop = crop
    study.figure = { ...study.figure!, source }
    study.record.label = doc.name.replace(/\.pdf$/i, '')
    usePdf.setState((s) => ({
      picker: null,
      tokens: { ...s.tokens, [rendered.sha256]: doc.token },
    }))
    loadStudy(study, null)
    notify(
      'info',
      `Opened ${doc.name}, page ${page} (${rendered.width}×${rendered.height} px). Calibrate the axes next.`,
    )
  } catch (error) {
    setPicker({ busy: false, error: messageOf(error) })
  }
}

/** The open PDF page the study's figure was rendered from this session, or null. */
export function pdfSourceOf(figure: StudyFigure | null, tokens: Record<string, string>) {
  const token = figure ? tokens[figure.sha256] : undefined
  if (!figure?.source || token === undefined) return null
  const { page, scale, crop } = figure.source
  return { token, page, scale, ...(crop ? { crop } : {}) }
}

/** Reads the curves of the figure's PDF page from its vector paths and offers them to add. */
export async function readVectorCurves(): Promise<void> {
  const { study } = useStudy.getState()
  const source = pdfSourceOf(study.figure, usePdf.getState().tokens)
  const calibration = traceCalibration(study.calibration)
  if (!source || !study.figure) {
    notify('error', 'Open the figure from its PDF (File → Open figure) to read its vector curves.')
    return
  }
  if (typeof calibration === 'string') {
    notify('error', calibration)
    return
  }
  if (calibration.xScale === 'log' || calibration.yShows === 'cumulative-incidence') {
    notify(
      'error',
      'Vector curves are read on a linear time axis with falling curves only: use Suggest curves ' +
        'to trace the pixels of this figure.',
    )
    return
  }
  if (useTrace.getState().busy) return
  useTrace.setState({ busy: 'vector', offers: [], suggestNotes: [], inset: null })
  try {
    const { curves } = await window.kmpool.pdfVectorCurves({ ...source, calibration })
    if (curves.length === 0) {
      notify(
        'error',
        'No vector curves on this page (the figure may be a picture inside the PDF): use Suggest ' +
          'curves to trace its pixels.',
      )
      return
    }
    useTrace.setState({
      offers: curves.map((c) => ({
        color: c.color,
        trace: { corners: c.corners, censorTimes: c.censorTimes },
        notes: c.warnings,
      })),
      offersFor: study.figure.sha256,
    })
    // Notes to read, shown under each offer: the reading itself worked.
    const notes = curves.reduce((n, c) => n + c.warnings.length, 0)
    notify(
      notes ? 'warning' : 'info',
      `Read ${curves.length} vector curve${curves.length === 1 ? '' : 's'} from the page (exact ` +
        `coordinates): add each, in arm order, below.${notes ? ' Read the notes under them.' : ''}`,
    )
  } catch (error) {
    notify('error', `Cannot read the vector curves: ${messageOf(error)}`)
  } finally {
    useTrace.setState({ busy: null })
  }
}
