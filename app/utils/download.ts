// File downloads (CSV for Excel, JSON): one Response shape for every export route, so each sends the same
// headers — the file name in Japanese with an ASCII fallback, the content type, and how it may be cached.
import { CSV_BOM, CSV_CONTENT_TYPE, type CsvCell, toCsv } from './csv'

/** The name a download is saved under: the real (e.g. Japanese) one and an ASCII one for older clients. */
export interface DownloadName {
  filename: string
  asciiFilename: string
}

export interface DownloadOptions {
  /**
   * Personal or unpublished data is `private, no-store` (the default): never kept by a shared cache. Public
   * files say how long they stay fresh.
   */
  cacheControl?: string
  /** Extra headers, e.g. a row count the page reports. */
  headers?: Record<string, string>
}

/**
 * Content-Disposition for a download: the real (e.g. Japanese) name as RFC 5987 `filename*`, and an ASCII
 * `filename` for clients that do not read it.
 */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

/** Any file as a download. */
export function fileDownload(
  name: DownloadName,
  body: string | Uint8Array<ArrayBuffer>,
  contentType: string,
  { cacheControl = 'private, no-store', headers = {} }: DownloadOptions = {},
): Response {
  return new Response(body, {
    headers: {
      ...headers,
      'Content-Type': contentType,
      'Content-Disposition': attachmentDisposition(name.filename, name.asciiFilename),
      'Cache-Control': cacheControl,
    },
  })
}

/**
 * A CSV that opens in Excel: rows (written with toCsv) or a document already written, which gets the UTF-8
 * BOM here if it does not start with one.
 */
export function csvDownload(
  name: DownloadName,
  content: string | readonly (readonly CsvCell[])[],
  options?: DownloadOptions,
): Response {
  const csv = typeof content === 'string' ? (content.startsWith(CSV_BOM) ? content : CSV_BOM + content) : toCsv(content)
  return fileDownload(name, csv, CSV_CONTENT_TYPE, options)
}
