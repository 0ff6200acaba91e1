/**
 * Security policy that needs no Electron: the content security policy (also written as a meta tag
 * in the renderer's index.html, which a test keeps in step) and which URLs the app may reach.
 */

const directives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  // The curve tracer's worker (src/renderer/src/io/trace.worker.ts), from the app's own files.
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
]

/** The policy of the response header. */
export const CONTENT_SECURITY_POLICY = [...directives, "frame-ancestors 'none'"].join('; ')

/** The policy of index.html's meta tag, where browsers ignore (and log) frame-ancestors. */
export const META_CONTENT_SECURITY_POLICY = directives.join('; ')

export type ResponseHeaders = Record<string, string[]>

/** The response headers with ours as the only content security policy. */
export function withCsp(headers: ResponseHeaders | undefined): ResponseHeaders {
  const result: ResponseHeaders = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return result
}

/**
 * Whether `url` is the app's page: the same file for a file: URL (any file page would otherwise
 * pass), the same origin for the development server.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let candidate: URL
  try {
    candidate = new URL(url)
  } catch {
    return false
  }
  const app = new URL(appUrl)
  if (app.protocol === 'file:') {
    return candidate.protocol === 'file:' && candidate.pathname === app.pathname
  }
  return candidate.origin === app.origin
}

/**
 * Whether the app may fetch `url` over the network at all: only from the development server that
 * serves the app (including its hot-reload socket); a packaged app loads no remote content.
 */
export function isAllowedRequest(url: string, appUrl: string): boolean {
  const app = new URL(appUrl)
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false
  let candidate: URL
  try {
    candidate = new URL(url)
  } catch {
    return false
  }
  const protocol = candidate.protocol.replace(/^ws/, 'http')
  return protocol === app.protocol && candidate.host === app.host
}
