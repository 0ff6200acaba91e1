// `npm run build` and `npm pack` (prepack): bundles the command line into out/cli, so that
// `kmpool` starts as plain JavaScript, without compiling TypeScript at every start (tsx).
//
// out/cli/kmpool.mjs is the CLI; each worker thread it starts is its own entry beside it
// (src/node/sourceWorker.ts looks for NAME.mjs there before it falls back to tsx). The packages
// with native code or large data (PDF.js, the canvas and SVG renderers, OCR) stay outside the
// bundle: they are dependencies of the package, loaded only by the commands that use them.
import { build } from 'esbuild'
import { renameSync, rmSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
/** Where the built CLI goes, in the clone and in the package. */
export const OUT_DIR = join(root, 'out', 'cli')

/** Entries: the CLI, and the worker threads it starts (named as their .ts sources, see above). */
export const entries = {
  kmpool: 'src/cli/index.ts',
  pdfWorker: 'src/node/pdfWorker.ts',
}

/** Loaded from node_modules at run time, by the commands that need them. */
export const external = [
  '@napi-rs/canvas',
  '@resvg/resvg-js',
  'pdfjs-dist',
  'tesseract.js',
  'tesseract.js-core',
  '@tesseract.js-data/*',
]

/**
 * Builds into `outdir` (out/cli; the package test builds into its own folder): into a new folder
 * beside it first, which then replaces the old one, so that a kmpool running meanwhile finds a
 * whole build or none (bin/kmpool.mjs then runs the sources).
 */
export async function buildCli({ outdir = OUT_DIR, quiet = false } = {}) {
  const staging = `${outdir}.building-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Each command in its own chunk (src/cli/registry.ts loads it when it runs). Chunks stay in
    // out/cli itself: the code that starts a worker finds it beside its own file.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    // Bundled CommonJS modules may call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __kmpoolRequire } from 'node:module'; const require = __kmpoolRequire(import.meta.url);",
    },
    legalComments: 'eof',
    logLevel: quiet ? 'error' : 'warning',
    metafile: true,
  })
  rmSync(outdir, { recursive: true, force: true })
  renameSync(staging, outdir)
  return result
}

// `node scripts/build-cli.mjs [--out DIR]`: DIR instead of out/cli (the package test's folder).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } })
  const outdir = values.out ? resolve(values.out) : OUT_DIR
  const started = performance.now()
  const { metafile } = await buildCli({ outdir })
  const sizes = Object.entries(metafile.outputs).filter(([name]) => name.endsWith('.mjs'))
  const kb = sizes.reduce((sum, [, o]) => sum + o.bytes, 0) / 1024
  console.log(
    `CLI built into ${relative(process.cwd(), outdir) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${sizes.length} files, ${kb.toFixed(0)} KB`,
  )
}
