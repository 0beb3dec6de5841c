import express from 'express'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy, requestIdFrom, securityHeaders } from './security-headers.server'

describe('requestIdFrom', () => {
  it('keeps an id of a safe shape (a UUID from a load balancer)', () => {
    expect(requestIdFrom('3b241101-e2bb-4255-8caf-4136c566a962')).toBe('3b241101-e2bb-4255-8caf-4136c566a962')
  })
  it.each([
    '',
    'short',
    'x'.repeat(65),
    "abc'; drop table audit_log;--",
    'line\nbreak-12345678',
    '<script>alert(1)</script>',
    '日本語のリクエストID',
  ])('replaces %j with a generated UUID', (header) => {
    const id = requestIdFrom(header)
    expect(id).not.toBe(header)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})

describe('contentSecurityPolicy', () => {
  it('allows scripts only from this origin and with the nonce; no framing, no plugins, no foreign forms', () => {
    const policy = contentSecurityPolicy('abc123', { https: false })
    expect(policy).toContain("script-src 'self' 'nonce-abc123'")
    expect(policy).not.toContain('unsafe-eval')
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("form-action 'self'")
    expect(policy).not.toContain('upgrade-insecure-requests')
    expect(contentSecurityPolicy('abc123', { https: true })).toContain('upgrade-insecure-requests')
  })
})

describe('securityHeaders middleware', () => {
  let baseUrl: string
  let close: () => void
  beforeAll(async () => {
    const app = express()
    app.set('trust proxy', 'loopback')
    app.use(securityHeaders())
    app.get('/page', (_req, res) => res.send(`<p>${String(res.locals.cspNonce)}</p>`))
    app.get('/public', (_req, res) => res.set('Cache-Control', 'public, max-age=60').send('ok'))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    close = () => server.close()
  })
  afterAll(() => close())

  it('gives each response its own nonce, the same one the page sees', async () => {
    const [a, b] = await Promise.all([fetch(`${baseUrl}/page`), fetch(`${baseUrl}/page`)])
    const nonceOf = (response: Response) =>
      /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1]
    expect(nonceOf(a)).toBeTruthy()
    expect(nonceOf(a)).not.toBe(nonceOf(b))
    expect(await a.text()).toBe(`<p>${nonceOf(a)}</p>`)
  })

  it('defaults to private, no-store; a response that sets its own Cache-Control keeps it', async () => {
    expect((await fetch(`${baseUrl}/page`)).headers.get('cache-control')).toBe('private, no-store')
    expect((await fetch(`${baseUrl}/public`)).headers.get('cache-control')).toBe('public, max-age=60')
  })

  it('sends HSTS only over https (as told by a trusted proxy)', async () => {
    expect((await fetch(`${baseUrl}/page`)).headers.get('strict-transport-security')).toBeNull()
    const https = await fetch(`${baseUrl}/page`, { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/)
    expect(https.headers.get('content-security-policy')).toContain('upgrade-insecure-requests')
  })

  it('echoes a safe X-Request-Id and replaces an unsafe one', async () => {
    const safe = '3b241101-e2bb-4255-8caf-4136c566a962'
    expect((await fetch(`${baseUrl}/page`, { headers: { 'X-Request-Id': safe } })).headers.get('x-request-id')).toBe(
      safe,
    )
    const unsafe = (await fetch(`${baseUrl}/page`, { headers: { 'X-Request-Id': 'forged<id>;' } })).headers.get(
      'x-request-id',
    )
    expect(unsafe).not.toBe('forged<id>;')
    expect(unsafe).toMatch(/^[0-9a-f-]{36}$/)
  })
})
