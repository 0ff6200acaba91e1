/**
 * PDF figures in the study view: a PDF the user chose in File → Open figure is remembered by a
 * token, its pages rendered to PNG (the figure a study embeds) and its vector curves read from the
 * page's paths. PDF.js runs in the Node-side services' worker (src/node/pdf.ts), with its time and
 * memory limits; main only awaits its answers, never blocks on them. Each call opens the page
 * afresh, so nothing is held between calls but the chosen file's path.
 */
import { createHash, randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import { openPdfPageAsync, type PdfCaller, type PdfPage, type PdfPageOptions } from '../node/pdf'
import type {
  ParsedRequestOf,
  PdfDocument,
  PdfRendered,
  PdfVectorCurves,
} from '../shared/ipc/contract'
import { findVectorCurves } from '../shared/pdf'
import { TraceError, formatColor } from '../shared/trace'

type AsyncPage = PdfPage<Promise<{ png?: Uint8Array }>>

/**
 * `caller`: who runs PDF.js — the app's utility process (pdfUtility.ts); without it a worker
 * thread (the tests, which run without Electron).
 */
export function createPdfHandlers(caller?: PdfCaller) {
  // PDFs chosen in a dialog this session, by the token the page holds for each.
  const files = new Map<string, string>()

  /**
   * Opens a page of a chosen PDF for `use`, then closes it. The CLI's messages name the file by
   * its path; the page is told only the file's name.
   */
  const withPage = async <T>(
    token: string,
    options: PdfPageOptions,
    use: (page: AsyncPage, name: string) => Promise<T> | T,
  ): Promise<T> => {
    const path = files.get(token)
    if (path === undefined) throw new Error('the PDF is no longer open; open it again')
    const name = basename(path)
    const named = (error: unknown) =>
      new Error((error as Error).message.split(path).join(name), { cause: error })
    let page: AsyncPage
    try {
      page = await openPdfPageAsync(path, options, caller)
    } catch (error) {
      throw named(error)
    }
    try {
      return await use(page, name)
    } catch (error) {
      throw named(error)
    } finally {
      page.close()
    }
  }

  return {
    /** Remembers a PDF the user chose and reads its page count (a broken PDF fails here). */
    async open(path: string): Promise<PdfDocument> {
      const token = randomUUID()
      files.set(token, path)
      try {
        const pages = await withPage(token, { page: 1, scale: 1 }, (page) => page.pageCount)
        return { kind: 'pdf', token, name: basename(path), pages }
      } catch (error) {
        files.delete(token)
        throw error
      }
    },
    handlers: {
      'pdf:renderPage': async ({
        token,
        page: number,
        scale,
        crop,
      }: ParsedRequestOf<'pdf:renderPage'>): Promise<PdfRendered> =>
        withPage(token, { page: number, scale, crop }, async (page, name) => {
          const png = (await page.render(true)).png!
          return {
            name: `${name.replace(/\.pdf$/i, '')} p${number}.png`,
            mime: 'image/png',
            data: Buffer.from(png).toString('base64'),
            sha256: createHash('sha256').update(png).digest('hex'),
            size: png.length,
            width: page.geometry.width,
            height: page.geometry.height,
            pages: page.pageCount,
          }
        }),
      'pdf:vectorCurves': async ({
        token,
        page: number,
        scale,
        crop,
        calibration,
      }: ParsedRequestOf<'pdf:vectorCurves'>): Promise<PdfVectorCurves> =>
        withPage(token, { page: number, scale, crop }, (page) => {
          let found
          try {
            found = findVectorCurves(page.paths, calibration, { bounds: page.geometry })
          } catch (error) {
            if (error instanceof TraceError) throw new Error(error.message, { cause: error })
            throw error
          }
          return {
            curves: found.map((c) => ({
              color: formatColor(c.color),
              corners: c.points.map(({ x, y }) => ({ x, y })),
              censorTimes: c.censorMarks.map((m) => m.time),
              warnings: c.warnings.map((w) => w.message),
            })),
          }
        }),
    },
  }
}
