// CSRF: every state-changing request must come from our own pages. Browsers send Origin on every
// cross-site POST (and on same-origin ones); we compare it, as a whole origin (scheme, host and port),
// with our own: APP_URL when it is configured (behind a proxy the Host header is the proxy's business),
// otherwise the scheme and Host the request arrived with. http://our-host is another origin than
// https://our-host: a page served over plain http (e.g. by an attacker on the network) must not post.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export interface OriginCheckInput {
  origin?: string
  referer?: string
  /** The Host header the request was sent to. */
  host?: string
  /** The scheme the request arrived with (Express `req.protocol`, `http` or `https`). */
  protocol?: string
  /** The configured public URL (APP_URL); when set, it alone names our origin. */
  appUrl?: string
}

/** Our own origin as a browser would write it in an Origin header, or null when it cannot be known. */
export function expectedOrigin({
  host,
  protocol,
  appUrl,
}: Pick<OriginCheckInput, 'host' | 'protocol' | 'appUrl'>): string | null {
  try {
    if (appUrl) return new URL(appUrl).origin
    if (!host || !protocol) return null
    const scheme = protocol.replace(/:$/, '').toLowerCase()
    if (scheme !== 'http' && scheme !== 'https') return null
    // A Host header with a path, credentials or the like is not a host.
    if (/[/\\@?#\s]/.test(host)) return null
    return new URL(`${scheme}://${host}`).origin
  } catch {
    return null
  }
}

export function isForeignOriginRequest(method: string, headers: OriginCheckInput): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false
  const source = headers.origin ?? headers.referer
  // A state-changing request without Origin or Referer is not from a browser form of ours: refuse it.
  if (!source || source === 'null') return true
  const ours = expectedOrigin(headers)
  if (!ours) return true
  try {
    return new URL(source).origin !== ours
  } catch {
    return true
  }
}
