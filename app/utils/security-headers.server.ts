// Response headers every page and data response gets: a per-request Content-Security-Policy nonce, no
// caching of anything that may hold personal data unless a route says otherwise, HSTS over https, and a
// request id that is safe to log and to store in the audit log.
import crypto from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

/** Ids a load balancer or client may hand us: UUIDs and similar tokens. Anything else is replaced. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/

export function requestIdFrom(header: string | undefined): string {
  return header && SAFE_REQUEST_ID.test(header) ? header : crypto.randomUUID()
}

export function contentSecurityPolicy(nonce: string, { https }: { https: boolean }): string {
  return [
    "default-src 'self'",
    // Remix writes its hydration data and module loader as inline scripts: they carry the nonce.
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    // React's style={…} attributes (progress widths and the like); no inline <style> elements.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/**
 * Express middleware for the Remix handler. Pages and `.data` responses default to
 * `Cache-Control: private, no-store` (a route that sets its own Cache-Control keeps it): most pages show
 * personal data, and a shared or back/forward cache must never keep them.
 */
export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.get('x-request-id'))
    const nonce = crypto.randomBytes(16).toString('base64')
    res.locals.requestId = requestId
    res.locals.cspNonce = nonce
    res.set('X-Request-Id', requestId)
    res.set('X-Content-Type-Options', 'nosniff')
    res.set('Referrer-Policy', 'same-origin')
    res.set('X-Frame-Options', 'DENY')
    res.set('Cross-Origin-Opener-Policy', 'same-origin')
    res.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()')
    res.set('Content-Security-Policy', contentSecurityPolicy(nonce, { https: req.secure }))
    if (req.secure) res.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains')
    const writeHead = res.writeHead
    res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      if (!this.hasHeader('Cache-Control')) this.setHeader('Cache-Control', 'private, no-store')
      return writeHead.apply(this, args)
    } as Response['writeHead']
    next()
  }
}
