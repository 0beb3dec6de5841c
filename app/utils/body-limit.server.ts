// Request body size limits, enforced before Remix reads a byte: `request.formData()` buffers the whole body,
// so without this an anonymous 30 MB POST is parsed in full. Forms are small (1 MB is generous for the
// longest job description); only the CSV/JSON import pages take files.
import type { NextFunction, Request, Response } from 'express'

export interface BodyLimitOptions {
  /** Largest body for any request not listed in uploadPaths. */
  formBytes: number
  /** Largest body for the upload pages. */
  uploadBytes: number
  /** Paths of the pages that take a file (e.g. '/pools/import'); single-fetch `.data` requests match too. */
  uploadPaths: string[]
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10}MB`

export function bodyLimit({ formBytes, uploadBytes, uploadPaths }: BodyLimitOptions) {
  const uploads = new Set(uploadPaths.map(normalisePath))
  return function bodyLimitMiddleware(req: Request, res: Response, next: NextFunction) {
    const isUpload = uploads.has(normalisePath(req.path))
    const limit = isUpload ? uploadBytes : formBytes
    const message = isUpload
      ? `ファイルが大きすぎます。${megabytes(limit)}までのファイルを選んでください。`
      : `送信された内容が大きすぎます（上限 ${megabytes(limit)}）。入力内容を減らして、もう一度送信してください。`

    const declared = req.headers['content-length']
    if (declared !== undefined && Number(declared) > limit) {
      refuse(req, res, message)
      return
    }
    // A chunked (or lying) body is counted as it arrives. Wrapping push() counts every byte the parser hands
    // over without reading the stream ourselves, so Remix still receives the body untouched below the limit.
    let received = 0
    let refused = false
    const push = req.push.bind(req)
    req.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk !== null && chunk !== undefined) {
        received += typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : (chunk as Uint8Array).byteLength
        if (received > limit) {
          // Past the limit nothing more is handed to the reader; false pauses the socket until it closes.
          if (!refused) refuse(req, res, message)
          refused = true
          return false
        }
      }
      return push(chunk, encoding)
    }
    next()
  }
}

/** '/pools/import/', '/pools/import.data' and '/pools/import' are the same page. */
function normalisePath(path: string): string {
  return path.replace(/\.data$/, '').replace(/\/+$/, '') || '/'
}

function refuse(req: Request, res: Response, message: string) {
  if (res.headersSent) {
    req.destroy()
    return
  }
  // `Connection: close` makes Node close the socket once the 413 is written, so the client reads the answer
  // and the rest of the body is never read.
  res.status(413).set({ 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(message)
}
