// The same as an Excel workbook (a summary sheet and a sheet of every row, yen formatted, 令和 years).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { fundingXlsx } from '~/models/funding.server'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { fileDownload } from '~/utils/download'
import { parseFundingQuery } from '~/utils/funding-query'
import { PLACEMENT_READ_PERMISSIONS } from '~/utils/permissions'

const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_READ_PERMISSIONS)
  const { body, ...name } = await fundingXlsx(context, user, parseFundingQuery(new URL(request.url).searchParams))
  return fileDownload(name, body, XLSX_CONTENT_TYPE)
}
