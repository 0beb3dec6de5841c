// JSON for the local-government picker (app/components/local-government-picker.tsx). A resource route must
// answer with a real Response: with single fetch, a `data()` value here is serialised as a plain object
// (status 200, its headers dropped), so a malformed query or a search outage would look like success.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { parseLocalGovernmentSearchParams, suggestLocalGovernments } from '~/models/local-government.server'

const headers = { 'Cache-Control': 'no-store' }

export async function loader({ request, context }: LoaderFunctionArgs) {
  const parsed = parseLocalGovernmentSearchParams(new URL(request.url).searchParams)
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? '検索条件が正しくありません'
    return Response.json({ status: 'invalid' as const, message, options: [] }, { status: 400, headers })
  }
  const result = await suggestLocalGovernments(context, parsed.data)
  return Response.json(result, { status: result.status === 'search-unavailable' ? 503 : 200, headers })
}
