import { existsSync } from 'node:fs'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * A worker thread that runs a TypeScript module from its source through tsx (registered in the
 * worker, as bin/kmpool.mjs does for the CLI), for the tests and the CLI, which run from the
 * sources. tsx is resolved from this module's own location, not the current folder: an
 * `eval` worker resolves bare specifiers against the working directory, so `kmpool` run from
 * another folder could not start its workers.
 *
 * In the built CLI (scripts/build-cli.mjs) `entry` names a file beside the bundle, where the
 * worker is built as NAME.mjs: that runs as it is, without tsx.
 */
export function sourceWorker(entry: URL, options: WorkerOptions = {}): Worker {
  const built = new URL(entry.href.replace(/\.ts$/, '.mjs'))
  if (existsSync(built)) return new Worker(built, options)
  const tsx = import.meta.resolve('tsx/esm/api')
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`
  return new Worker(boot, { ...options, eval: true })
}
