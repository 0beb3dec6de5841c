// The body-size middleware in a tiny Express app: the handler below reads the body the way Remix's Express
// adapter does (a web ReadableStream over the request), so what passes here reaches Remix intact.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createReadableStreamFromReadable } from '@remix-run/node'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyLimit } from './body-limit.server'

const KB = 1024
let server: http.Server
let port: number
let handled = 0

beforeAll(async () => {
  const app = express()
  app.use(
    bodyLimit({
      formBytes: 64 * KB,
      uploadBytes: 256 * KB,
      uploadPaths: ['/pools/import', '/admin/skill-standard/import'],
    }),
  )
  app.all('*', async (req, res) => {
    handled++
    try {
      const body = await new Response(createReadableStreamFromReadable(req)).arrayBuffer()
      res.status(200).send(`received ${body.byteLength}`)
    } catch {
      if (!res.headersSent) res.status(400).send('aborted')
    }
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

/** Sends `total` bytes in 16 KB chunks, with a Content-Length or chunked; resolves with the answer. */
function send(
  path: string,
  total: number,
  { chunked = false, declared }: { chunked?: boolean; declared?: number } = {},
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
    if (!chunked) headers['Content-Length'] = String(declared ?? total)
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    // Once the server has answered and closed, writes fail: that is the point, not a test failure.
    req.on('error', () => {})
    let sent = 0
    const chunk = Buffer.alloc(16 * KB, 'a')
    const writeMore = () => {
      while (sent < total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - sent))
        sent += piece.length
        if (!req.write(piece)) {
          req.once('drain', writeMore)
          return
        }
      }
      req.end()
    }
    writeMore()
  })
}

describe('bodyLimit', () => {
  it('passes a form under the limit through untouched, with a Content-Length or chunked', async () => {
    expect(await send('/signup', 60 * KB)).toEqual({ status: 200, text: `received ${60 * KB}` })
    expect(await send('/signup', 60 * KB, { chunked: true })).toEqual({ status: 200, text: `received ${60 * KB}` })
  })

  it('refuses a declared Content-Length over the limit at once, before any handler runs', async () => {
    const before = handled
    const answer = await send('/signup', 30 * 1024 * KB)
    expect(answer.status).toBe(413)
    expect(answer.text).toContain('送信された内容が大きすぎます（上限 0.1MB）')
    expect(handled).toBe(before)
  })

  it('counts a chunked body and stops it past the limit', async () => {
    const answer = await send('/signup', 2 * 1024 * KB, { chunked: true })
    expect(answer.status).toBe(413)
    expect(answer.text).toContain('送信された内容が大きすぎます')
  })

  it('gives the upload pages the larger limit, single-fetch .data requests included', async () => {
    expect(await send('/pools/import', 200 * KB)).toEqual({ status: 200, text: `received ${200 * KB}` })
    expect(await send('/admin/skill-standard/import.data', 200 * KB, { chunked: true })).toEqual({
      status: 200,
      text: `received ${200 * KB}`,
    })
    const tooLarge = await send('/pools/import', 300 * KB, { chunked: true })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.text).toContain('ファイルが大きすぎます。0.3MBまでのファイルを選んでください。')
    expect((await send('/pools/import/', 300 * KB)).status).toBe(413)
  })

  it('keeps serving after refusing (no crash, no stuck socket)', async () => {
    await Promise.all([send('/signup', 1024 * KB, { chunked: true }), send('/signup', 1024 * KB)])
    expect(await send('/login', 1 * KB)).toEqual({ status: 200, text: `received ${KB}` })
  })
})
