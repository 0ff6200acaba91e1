/**
 * The app's PDF reader: an Electron utility process (a separate OS process, forked by
 * pdfUtility.ts), so that PDF.js and its native canvas never run in main's process. A PDF built to
 * exhaust its reader ends this process, not the app. Answers each request from main with
 * { seq, value } or { seq, error }.
 */
import { MAX_IMAGE_PIXELS } from '../node/images'
import { errorAnswer, type PdfRequest, pdfEngine, pdfjsLocation } from '../node/pdfEngine'

const engine = pdfEngine({ ...pdfjsLocation(), maxImagePixels: MAX_IMAGE_PIXELS })
let current = 0

process.on('uncaughtException', (e) =>
  process.parentPort.postMessage({ seq: current, ...errorAnswer(e) }),
)
process.on('unhandledRejection', (e) =>
  process.parentPort.postMessage({ seq: current, ...errorAnswer(e) }),
)

process.parentPort.on('message', async ({ data: request }: { data: PdfRequest }) => {
  if (request.type === 'close') {
    await engine.close(request.doc)
    return
  }
  current = request.seq
  try {
    const { value } = await engine.handle(request)
    process.parentPort.postMessage({ seq: request.seq, value })
  } catch (e) {
    process.parentPort.postMessage({ seq: request.seq, ...errorAnswer(e) })
  }
})
