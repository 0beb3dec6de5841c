// The match page's query string: what an official narrowed a need's candidates to. It stays in the URL so a
// search can be bookmarked, shared with a colleague or saved on the need. Unknown or malformed values are
// dropped (never an error page): a link edited by hand still opens.
import { z } from 'zod'
import { PREFECTURE_CODE } from './field-schemas'
import { EMPLOYMENT_FORM_LABELS, POOL_STATUS_VALUES, valuesOf } from './labels'

const optionalMatching = (pattern: RegExp) =>
  z
    .string()
    .trim()
    .optional()
    .catch(undefined)
    .transform((v) => (v && pattern.test(v) ? v : undefined))

export const MatchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v.slice(0, 100) : undefined)),
  form: z.enum(valuesOf(EMPLOYMENT_FORM_LABELS)).optional().catch(undefined),
  residence: optionalMatching(PREFECTURE_CODE),
  skill: optionalMatching(/^[a-z0-9_-]{1,64}$/),
  status: z.enum(POOL_STATUS_VALUES).optional().catch(undefined),
  role: optionalMatching(/^[a-z0-9_-]{1,64}$/),
  page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
})
export type MatchQuery = z.infer<typeof MatchQuerySchema>

const KEYS = ['q', 'form', 'residence', 'skill', 'status', 'role'] as const

/** The query as URLSearchParams, in a fixed key order (so a saved search compares equal), `page` optional. */
export function matchSearchParams(query: Partial<MatchQuery>, page?: number): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of KEYS) {
    const value = query[key]
    if (value) params.set(key, String(value))
  }
  if (page && page > 1) params.set('page', String(page))
  return params
}

export function parseMatchQuery(search: URLSearchParams | string): MatchQuery {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search
  return MatchQuerySchema.parse(
    Object.fromEntries(
      KEYS.map((k) => [k, params.get(k) ?? undefined]).concat([['page', params.get('page') ?? undefined]]),
    ),
  )
}
