import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
export const outDir = fileURLToPath(new URL('../../out', import.meta.url))
export const artifactsDir = fileURLToPath(new URL('../../test-artifacts/e2e', import.meta.url))
