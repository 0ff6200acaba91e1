/**
 * The PDF worker thread's entry (the CLI and the tests; the app uses a utility process,
 * src/main/pdfProcess.ts): answers each request on its port with { seq, value } or { seq, error },
 * then counts the answer on the shared flag that wakes a caller waiting with Atomics.wait.
 */
import { type MessagePort, workerData } from 'node:worker_threads'
import { errorAnswer, type PdfEngineConfig, type PdfRequest, pdfEngine } from './pdfEngine'

const { port, signal, config } = workerData as {
  port: MessagePort
  signal: Int32Array
  config: PdfEngineConfig
}
const engine = pdfEngine(config)
let current = 0

function reply(message: object, transfer: ArrayBuffer[] = []): void {
  port.postMessage({ seq: current, ...message }, transfer)
  Atomics.add(signal, 0, 1)
  Atomics.notify(signal, 0)
}

process.on('uncaughtException', (e) => reply(errorAnswer(e)))
process.on('unhandledRejection', (e) => reply(errorAnswer(e)))

port.on('message', async (request: PdfRequest) => {
  if (request.type === 'close') {
    await engine.close(request.doc)
    return
  }
  current = request.seq
  try {
    const { value, transfer } = await engine.handle(request)
    reply({ value }, transfer)
  } catch (e) {
    reply(errorAnswer(e))
  }
})
