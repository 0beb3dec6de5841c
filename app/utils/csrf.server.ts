// CSRF: every state-changing request must come from our own pages. Browsers send Origin on every
// cross-site POST (and on same-origin ones); we compare it with the Host the request was sent to.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isForeignOriginRequest(method: string, headers: { origin?: string; referer?: string; host?: string }): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false
  const source = headers.origin ?? headers.referer
  // A state-changing request without Origin or Referer is not from a browser form of ours: refuse it.
  if (!source || source === 'null' || !headers.host) return true
  try {
    return new URL(source).host !== headers.host
  } catch {
    return true
  }
}
