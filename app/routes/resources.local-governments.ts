// JSON for the local-government picker (app/components/local-government-picker.tsx).
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { parseLocalGovernmentSearchParams, suggestLocalGovernments } from '~/models/local-government.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const parsed = parseLocalGovernmentSearchParams(new URL(request.url).searchParams)
  if (!parsed.success) {
    return data({ status: 'invalid' as const, message: parsed.error.issues[0]?.message ?? '検索条件が正しくありません', options: [] }, { status: 400 })
  }
  const result = await suggestLocalGovernments(context.services.database.db, context.services.search, parsed.data)
  return data(result, { status: result.status === 'search-unavailable' ? 503 : 200, headers: { 'Cache-Control': 'no-store' } })
}
