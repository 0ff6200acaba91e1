#!/usr/bin/env node
// The CLI runs from its TypeScript sources through tsx, so `npx kmpool` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/index.ts')
