import { describe, expect, it } from 'vitest'
import { expectedOrigin, isForeignOriginRequest, type OriginCheckInput } from './csrf.server'

// [what, method, input, foreign?]
const CASES: Array<[string, string, OriginCheckInput, boolean]> = [
  // Safe methods change nothing: never refused.
  ['GET from anywhere', 'GET', { origin: 'https://evil.example', host: 'dx.example.jp', protocol: 'https' }, false],
  ['HEAD without headers', 'HEAD', {}, false],
  // Our own origin, by Origin or (without it) by Referer.
  ['same origin (https)', 'POST', { origin: 'https://dx.example.jp', host: 'dx.example.jp', protocol: 'https' }, false],
  [
    'same origin by Referer',
    'POST',
    { referer: 'https://dx.example.jp/login?x=1', host: 'dx.example.jp', protocol: 'https' },
    false,
  ],
  [
    'same origin (http, loopback with port)',
    'POST',
    { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', protocol: 'http' },
    false,
  ],
  [
    'default port written out in Host',
    'POST',
    { origin: 'https://dx.example.jp', host: 'dx.example.jp:443', protocol: 'https' },
    false,
  ],
  ['host case differs', 'POST', { origin: 'https://dx.example.jp', host: 'DX.example.jp', protocol: 'https' }, false],
  // The scheme is part of the origin.
  [
    'http page posting to the https site',
    'POST',
    { origin: 'http://dx.example.jp', host: 'dx.example.jp', protocol: 'https' },
    true,
  ],
  [
    'https page posting to an http site',
    'POST',
    { origin: 'https://127.0.0.1:3000', host: '127.0.0.1:3000', protocol: 'http' },
    true,
  ],
  [
    'http Referer to the https site',
    'POST',
    { referer: 'http://dx.example.jp/login', host: 'dx.example.jp', protocol: 'https' },
    true,
  ],
  // The port is part of the origin.
  [
    'another port on the same host',
    'POST',
    { origin: 'http://127.0.0.1:4000', host: '127.0.0.1:3000', protocol: 'http' },
    true,
  ],
  [
    'explicit non-default port vs none',
    'POST',
    { origin: 'https://dx.example.jp:8443', host: 'dx.example.jp', protocol: 'https' },
    true,
  ],
  // Other hosts, lookalikes and non-origins.
  ['another host', 'POST', { origin: 'https://evil.example', host: 'dx.example.jp', protocol: 'https' }, true],
  [
    'a suffix lookalike',
    'POST',
    { origin: 'https://dx.example.jp.evil.example', host: 'dx.example.jp', protocol: 'https' },
    true,
  ],
  ['a subdomain', 'POST', { origin: 'https://evil.dx.example.jp', host: 'dx.example.jp', protocol: 'https' }, true],
  [
    'Origin null (sandboxed frame, data: URL)',
    'DELETE',
    { origin: 'null', host: 'dx.example.jp', protocol: 'https' },
    true,
  ],
  ['neither Origin nor Referer', 'POST', { host: 'dx.example.jp', protocol: 'https' }, true],
  ['Origin not a URL', 'POST', { origin: 'not a url', host: 'dx.example.jp', protocol: 'https' }, true],
  ['no Host header', 'POST', { origin: 'https://dx.example.jp', protocol: 'https' }, true],
  ['no protocol known', 'POST', { origin: 'https://dx.example.jp', host: 'dx.example.jp' }, true],
  [
    'Host header carrying credentials',
    'POST',
    { origin: 'https://dx.example.jp', host: 'evil@dx.example.jp', protocol: 'https' },
    true,
  ],
  ['an odd scheme', 'POST', { origin: 'ftp://dx.example.jp', host: 'dx.example.jp', protocol: 'ftp' }, true],
  // With APP_URL, it alone is our origin, whatever Host and scheme the proxy passed on.
  [
    'APP_URL: same origin behind a proxy',
    'POST',
    { origin: 'https://dx.example.jp', host: '10.0.0.5:3000', protocol: 'http', appUrl: 'https://dx.example.jp' },
    false,
  ],
  [
    'APP_URL: http page, https site',
    'POST',
    { origin: 'http://dx.example.jp', host: 'dx.example.jp', protocol: 'http', appUrl: 'https://dx.example.jp' },
    true,
  ],
  [
    'APP_URL: Host spoofed to match Origin',
    'POST',
    { origin: 'https://evil.example', host: 'evil.example', protocol: 'https', appUrl: 'https://dx.example.jp' },
    true,
  ],
  [
    'APP_URL with a path',
    'POST',
    { origin: 'https://dx.example.jp', host: 'x', protocol: 'http', appUrl: 'https://dx.example.jp/platform/' },
    false,
  ],
  [
    'APP_URL with a port',
    'POST',
    { origin: 'https://dx.example.jp', host: 'dx.example.jp', protocol: 'https', appUrl: 'https://dx.example.jp:8443' },
    true,
  ],
]

describe('CSRF check (whole origin: scheme, host, port)', () => {
  it.each(CASES)('%s', (_what, method, input, foreign) => {
    expect(isForeignOriginRequest(method, input)).toBe(foreign)
  })

  it('names our origin from APP_URL, else from the request', () => {
    expect(expectedOrigin({ appUrl: 'https://dx.example.jp/', host: 'ignored', protocol: 'http' })).toBe(
      'https://dx.example.jp',
    )
    expect(expectedOrigin({ host: '127.0.0.1:3000', protocol: 'http' })).toBe('http://127.0.0.1:3000')
    expect(expectedOrigin({ host: 'dx.example.jp', protocol: 'https:' })).toBe('https://dx.example.jp')
    expect(expectedOrigin({ host: 'dx.example.jp' })).toBeNull()
  })
})
