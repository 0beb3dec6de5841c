import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { safeRedirect } from './redirect'

const FALLBACK = '/account'

/** What a browser on our site would do with the Location header: which origin it ends up on. */
function landsOn(location: string, site: string): string {
  return new URL(location, site).origin
}

const SITES = ['https://dx500.example.jp', 'http://127.0.0.1:3000']

/** The promise: whatever goes in, the answer keeps the browser on our own origin, and is stable. */
function assertSafe(input: string) {
  const out = safeRedirect(input, FALLBACK)
  for (const site of SITES) expect(landsOn(out, site), JSON.stringify(input)).toBe(new URL(site).origin)
  expect(out.startsWith('/'), JSON.stringify(input)).toBe(true)
  expect(out.startsWith('//') || out.startsWith('/\\'), JSON.stringify(input)).toBe(false)
  // Percent-decoded (as a proxy or another framework might do before redirecting), still one leading slash.
  const decoded = (() => {
    try {
      return decodeURIComponent(decodeURIComponent(new URL(out, SITES[0]).pathname))
    } catch {
      return '/'
    }
  })()
  expect(decoded.startsWith('//') || decoded.startsWith('/\\'), JSON.stringify(input)).toBe(false)
  // A second pass changes nothing: the result is already normalised.
  expect(safeRedirect(out, FALLBACK)).toBe(out)
}

// Known open-redirect payloads (PayloadsAllTheThings "Open Redirect", OWASP cheat sheet, and the ones
// found on this site): every one must fall back.
const OPEN_REDIRECT_CORPUS = [
  'https://evil.example/',
  'http://evil.example',
  '//evil.example',
  '//evil.example/path',
  '///evil.example',
  '////evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/%2F%2Fevil.example',
  '/%2f%2fevil.example',
  '/%252F%252Fevil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '/%2F%5Cevil.example',
  '/..//evil.example',
  '/../..//evil.example',
  '/.//evil.example',
  '/%2e%2e//evil.example',
  '/%2E%2E//evil.example',
  '/a/..//evil.example',
  '/a/../\\evil.example',
  '/./\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\t\\evil.example',
  ' //evil.example',
  '\t//evil.example',
  '/\u0000/evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  'https:evil.example',
  'http:/evil.example',
  '//evil.example@dx500.example.jp',
  '//%09/evil.example',
  '/%09/evil.example',
  '//%5Cevil.example',
  '/%0D%0A/evil.example',
  '',
]

// Look alarming but are paths on our own site: they may be kept, and must stay on site.
const HARMLESS_PATHS = ['/javascript:alert(1)//', '/https://evil.example', '/@evil.example', '/evil.example']

describe('safeRedirect', () => {
  it('keeps same-site paths with their query and hash', () => {
    expect(safeRedirect('/admin/users?page=2#top')).toBe('/admin/users?page=2#top')
    expect(safeRedirect('/local-governments?q=%E3%81%95')).toBe('/local-governments?q=%E3%81%95')
    expect(safeRedirect('/pool-invitations/accept?token=abc')).toBe('/pool-invitations/accept?token=abc')
    // A query may mention another site: it is data, not where the browser goes.
    expect(safeRedirect('/login?redirectTo=//evil.example')).toBe('/login?redirectTo=//evil.example')
    // Dot segments that stay inside the site are resolved.
    expect(safeRedirect('/a/../needs')).toBe('/needs')
  })

  it.each(OPEN_REDIRECT_CORPUS)('refuses %j', (payload) => {
    expect(safeRedirect(payload, FALLBACK)).toBe(FALLBACK)
  })

  it('never leaves the site for any payload of the corpus', () => {
    for (const payload of [...OPEN_REDIRECT_CORPUS, ...HARMLESS_PATHS]) assertSafe(payload)
    expect(safeRedirect(null)).toBe('/')
    expect(safeRedirect(undefined, FALLBACK)).toBe(FALLBACK)
  })

  // Strings built from the characters that matter to URL parsing, so fast-check explores their mixes.
  const piece = fc.constantFrom(
    '/',
    '\\',
    '.',
    '..',
    '%2F',
    '%2f',
    '%5C',
    '%2e',
    '%25',
    '%09',
    '\t',
    '\n',
    '@',
    ':',
    '?',
    '#',
    'evil.example',
    'a',
    ' ',
    '%00',
    '//',
  )
  const urlish = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''))

  test.prop([urlish], { numRuns: 2000 })('keeps the browser on our origin for every mix of URL syntax', (input) => {
    assertSafe(input)
    assertSafe(`/${input}`)
  })

  test.prop([fc.string({ unit: 'binary', maxLength: 40 })], { numRuns: 1000 })(
    'keeps the browser on our origin for any string',
    (input) => {
      assertSafe(input)
      assertSafe(`/${input}`)
    },
  )

  test.prop([fc.webUrl({ withQueryParameters: true, withFragments: true })])(
    'never follows an absolute URL to another host',
    (url) => {
      expect(safeRedirect(url, FALLBACK)).toBe(FALLBACK)
      assertSafe(url.replace(/^https?:/, ''))
    },
  )

  test.prop([fc.webPath(), fc.webQueryParameters(), fc.webFragments()])(
    'keeps ordinary site paths as the browser would normalise them',
    (path, query, fragment) => {
      const input = `/${path.replace(/^\/+/, '')}${query ? `?${query}` : ''}${fragment ? `#${fragment}` : ''}`
      const out = safeRedirect(input, FALLBACK)
      assertSafe(input)
      if (out !== FALLBACK) {
        const expected = new URL(input, 'http://x.invalid')
        expect(out).toBe(`${expected.pathname}${expected.search}${expected.hash}`)
      }
    },
  )
})
