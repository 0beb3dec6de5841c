// Every redirectTo goes through here: only same-site paths survive. The check runs on the *normalised*
// result, because that is what the browser follows: `/..//evil.example` or `/%2e%2e//evil.example` only
// becomes `//evil.example` (another host) after dot segments are resolved, `/\evil.example` after the
// backslash turns into a slash, `/\t/evil.example` after the tab is dropped.
const BASE = 'http://same-site.invalid'

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || to === '' || !to.startsWith('/')) return fallback
  // Control characters have no place in a path of ours; browsers strip some of them before parsing.
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback
  let url: URL
  try {
    url = new URL(to, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  const result = `${url.pathname}${url.search}${url.hash}`
  if (!isPlainSitePath(url.pathname)) return fallback
  // The result must mean the same thing when the browser resolves it again (no second normalisation).
  try {
    const again = new URL(result, BASE)
    if (again.origin !== BASE || again.href !== url.href) return fallback
  } catch {
    return fallback
  }
  return result
}

/**
 * A path that starts with exactly one slash, also once percent-decoded (`/%2F%2Fevil.example` is `//…` to any
 * server or proxy that decodes before redirecting), and never with a backslash after the first slash.
 */
function isPlainSitePath(pathname: string): boolean {
  let current = pathname
  // Decode a few times: `%252F` is `%2F` once decoded, `/` twice.
  for (let round = 0; round < 4; round++) {
    if (!current.startsWith('/') || current.startsWith('//') || current.startsWith('/\\')) return false
    if (/[\u0000-\u001f\u007f]/.test(current)) return false
    let decoded: string
    try {
      decoded = decodeURIComponent(current)
    } catch {
      // Malformed percent-encoding: not a path our routes ever produce.
      return false
    }
    if (decoded === current) return true
    current = decoded
  }
  return false
}
