import { describe, expect, it } from 'vitest'
import { isForeignOriginRequest } from './csrf.server'

describe('CSRF check (Origin/Host)', () => {
  it('lets safe methods through', () => {
    expect(isForeignOriginRequest('GET', { origin: 'https://evil.example', host: 'dx.example.jp' })).toBe(false)
  })
  it('accepts a POST from our own origin (or Referer when Origin is absent)', () => {
    expect(isForeignOriginRequest('POST', { origin: 'https://dx.example.jp', host: 'dx.example.jp' })).toBe(false)
    expect(isForeignOriginRequest('POST', { referer: 'https://dx.example.jp/login', host: 'dx.example.jp' })).toBe(false)
  })
  it('refuses a POST from another origin, a null origin, or with neither header', () => {
    expect(isForeignOriginRequest('POST', { origin: 'https://evil.example', host: 'dx.example.jp' })).toBe(true)
    expect(isForeignOriginRequest('POST', { origin: 'https://dx.example.jp.evil.example', host: 'dx.example.jp' })).toBe(true)
    expect(isForeignOriginRequest('DELETE', { origin: 'null', host: 'dx.example.jp' })).toBe(true)
    expect(isForeignOriginRequest('POST', { host: 'dx.example.jp' })).toBe(true)
    expect(isForeignOriginRequest('POST', { origin: 'not a url', host: 'dx.example.jp' })).toBe(true)
  })
})
