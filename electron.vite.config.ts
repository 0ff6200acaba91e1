import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          // Reconstructions run in a worker thread (src/node/compute.ts), from its own file.
          computeWorker: resolve('src/node/computeWorker.ts'),
          // The figure's readings (axes, risk table, whole figure) too (figureReaderService.ts).
          figureWorker: resolve('src/node/figureWorker.ts'),
          // PDF.js runs in a utility process (src/main/pdfUtility.ts), from its own file.
          pdfProcess: resolve('src/main/pdfProcess.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron', so its dependencies (zod, through the
      // IPC contract) must be bundled into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()],
  },
})
