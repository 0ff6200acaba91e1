/**
 * The main-process side of every IPC channel, as plain functions of an already validated request.
 * Nothing here imports Electron, so tests can bridge the same handlers into a plain browser.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AppInfo, Channel, RequestOf, ResponseOf } from '../shared/ipc/contract'
import { reconstruct } from '../shared/reconstruct'

export type Handlers = {
  readonly [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>
}

export interface HandlerContext {
  app: AppInfo
  /** The app's own `examples/` folder: the only place these handlers read files from. */
  examplesDir: string
}

export function createHandlers({ app, examplesDir }: HandlerContext): Handlers {
  return {
    'app:getInfo': async () => ({ ...app }),
    'example:load': async () => {
      const [pointsCsv, riskCsv] = await Promise.all([
        readFile(join(examplesDir, 'points.csv'), 'utf8'),
        readFile(join(examplesDir, 'risk.csv'), 'utf8'),
      ])
      return { pointsCsv, riskCsv }
    },
    'reconstruct:run': async (input) => reconstruct(input),
  }
}
