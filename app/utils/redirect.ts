// Every redirectTo goes through here: only same-site paths survive (no //evil.example, no \\, no schemes).
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || to === '') return fallback
  // Browsers treat a backslash like a slash, and control characters are stripped before parsing.
  if (!to.startsWith('/') || to.startsWith('//') || to.includes('\\') || /[\u0000-\u001f\u007f]/.test(to)) {
    return fallback
  }
  try {
    const url = new URL(to, 'http://same-site.invalid')
    if (url.origin !== 'http://same-site.invalid') return fallback
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return fallback
  }
}
