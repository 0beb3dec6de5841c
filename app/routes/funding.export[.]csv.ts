// A body's funding rows for a fiscal year (or, without a body, every body's totals) as CSV for Excel.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { fundingCsv } from '~/models/funding.server'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { csvDownload } from '~/utils/download'
import { parseFundingQuery } from '~/utils/funding-query'
import { PLACEMENT_READ_PERMISSIONS } from '~/utils/permissions'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_READ_PERMISSIONS)
  const { csv, ...name } = await fundingCsv(context, user, parseFundingQuery(new URL(request.url).searchParams))
  return csvDownload(name, csv)
}
