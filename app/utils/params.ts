// Input at the edge of every route: ids in the URL, the request body, the text read from it. Malformed input
// is the client's mistake, so it gets a Japanese 4xx here instead of reaching Postgres (where a non-uuid id
// or a NUL byte would raise an error and answer 500).
import type { Params } from '@remix-run/react'
import { z } from 'zod'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The answer to a URL that names no page (the same words as a missing record's). */
const NOT_FOUND = 'ページが見つかりません。お探しのページは存在しないか、移動した可能性があります。'

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** The uuid in a route param, or a 404: a URL with a malformed id names no page, like a missing one. */
export function requireUuidParam(params: Params, name: string): string {
  const value = params[name]
  if (!isUuid(value)) throw new Response(NOT_FOUND, { status: 404 })
  return value.toLowerCase()
}

/** The same for routes whose id param may also be the word `new` (a create form at the edit URL). */
export function requireUuidOrNewParam(params: Params, name: string): string {
  return params[name] === 'new' ? 'new' : requireUuidParam(params, name)
}

// C0 control characters except tab, line feed and carriage return. Postgres refuses NUL in text outright;
// the others are invisible in the UI and break CSV exports and mail headers.
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g
const HAS_CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/

export function hasControlCharacters(value: string): boolean {
  return HAS_CONTROL_CHARACTER.test(value)
}

export function stripControlCharacters(value: string): string {
  return value.replace(CONTROL_CHARACTERS, '')
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/**
 * The request body as a form, or a 400 with a Japanese message when it is none (no body, JSON, a truncated
 * multipart body). `request.formData()` throws a TypeError on all of those, which Remix would answer with 500.
 * Values are returned as sent: fields validated by zod are refused with a field message by the shared text
 * schemas (app/utils/field-schemas.ts); fields read without a schema go through `formText`, which strips
 * control characters.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!FORM_TYPES.includes(type)) throw badForm()
  try {
    return await request.formData()
  } catch {
    throw badForm()
  }
}

function badForm(): Response {
  return new Response('送信内容をフォームとして読み取れませんでした。ページを開き直して、もう一度送信してください。', {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })
}

/** A text field read without a schema: '' when absent or a file, control characters removed. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name)
  return typeof value === 'string' ? stripControlCharacters(value) : ''
}

const VERSION_MESSAGE = '版の指定（version）は1以上の整数にしてください（例: ?version=1）。'
const VersionNoSchema = z.coerce.number().int().min(1).max(100_000)

/**
 * `?version=N` of the skill-standard pages and exports: absent or empty means the current version (a form
 * that leaves the field blank sends `?version=`); anything but a positive integer is a 400.
 */
export function parseVersionParam(searchParams: URLSearchParams): number | undefined {
  const raw = searchParams.get('version')?.trim()
  if (!raw) return undefined
  const parsed = VersionNoSchema.safeParse(raw)
  if (!parsed.success) {
    throw new Response(VERSION_MESSAGE, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  return parsed.data
}

const CATALOGUE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/

/** A skill-standard id in the URL (スキル, 人材像, 資格, 分野: lower-case letters, digits and hyphens), or a 404. */
export function requireCatalogueIdParam(params: Params, name: string): string {
  const value = params[name]
  if (typeof value !== 'string' || !CATALOGUE_ID.test(value)) {
    throw new Response(NOT_FOUND, { status: 404 })
  }
  return value
}
