/**
 * PDF.js for the app's main process, in a utility process (pdfProcess.ts) with a capped heap
 * (WORKER_HEAP_MB) and the deadline of every call (CALL_TIMEOUT_MS): a PDF that overruns either
 * is answered with a one-line refusal and the process is killed; the next PDF gets a new one.
 * Main only posts requests and awaits answers, never blocks on them.
 */
import { type UtilityProcess, utilityProcess } from 'electron'
import { type Answer, DIED, type PdfCaller, TIMEOUT, WORKER_HEAP_MB } from '../node/pdf'

export function utilityPdfCaller(entry: string): PdfCaller {
  let child: UtilityProcess | null = null
  let seq = 0
  let docs = 0
  /** The calls awaiting an answer, with the process each was posted to. */
  const waiting = new Map<number, { to: UtilityProcess; done: (answer: Answer<unknown>) => void }>()

  const start = (): UtilityProcess => {
    const forked = utilityProcess.fork(entry, [], {
      serviceName: 'kmpool PDF reader',
      execArgv: [`--max-old-space-size=${WORKER_HEAP_MB}`],
      stdio: 'ignore',
    })
    forked.on('message', (answer: Answer<unknown> & { seq: number }) => {
      waiting.get(answer.seq)?.done(answer)
      waiting.delete(answer.seq)
    })
    forked.on('exit', () => {
      if (child === forked) child = null
      for (const [id, { to, done }] of waiting) {
        if (to !== forked) continue
        waiting.delete(id)
        done({ error: DIED })
      }
    })
    return forked
  }

  const stop = () => {
    const running = child
    child = null
    running?.kill()
  }

  return {
    newDoc: () => ++docs,
    call<T>(request: { type: string; doc: number }, _transfer: ArrayBuffer[], deadline: number) {
      child ??= start()
      const id = ++seq
      const running = child
      return new Promise<Answer<T>>((resolve) => {
        const timer = setTimeout(
          () => {
            waiting.delete(id)
            if (child === running) stop()
            resolve({ error: TIMEOUT })
          },
          Math.max(0, deadline - Date.now()),
        )
        waiting.set(id, {
          to: running,
          done: (answer) => {
            clearTimeout(timer)
            resolve(answer as Answer<T>)
          },
        })
        // The bytes are copied to the other process (a utility process takes no ArrayBuffers).
        running.postMessage({ ...request, seq: id })
      })
    },
    forget(doc) {
      child?.postMessage({ type: 'close', doc })
    },
  }
}
