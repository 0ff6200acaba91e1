/**
 * The compute worker's entry: answers each { id, job, input } with { id, value } or
 * { id, error: { name, message } }. Built as its own file beside main's (electron.vite.config.ts);
 * run from its TypeScript source through tsx in the tests and the CLI.
 */
import { parentPort } from 'node:worker_threads'
import { computeJobs, type JobName } from './computeJobs'

parentPort?.on('message', ({ id, job, input }: { id: number; job: JobName; input: never }) => {
  try {
    parentPort!.postMessage({ id, value: computeJobs[job](input) })
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e))
    parentPort!.postMessage({ id, error: { name: error.name, message: error.message } })
  }
})
