// One of the dashboard's tables as CSV for Excel (UTF-8 with BOM), from the same figures the page shows, in the
// viewer's scope: `?table=prefectures|roles|employment|pools|structure|trend`; anything else is a 400.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { DASHBOARD_TABLES, dashboardCsv, isDashboardTable } from '~/models/dashboard.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { csvDownload } from '~/utils/download'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:dashboard:own-prefecture')
  const table = new URL(request.url).searchParams.get('table')
  if (!isDashboardTable(table))
    throw new Response(`表（table）は次のどれかで指定してください: ${Object.keys(DASHBOARD_TABLES).join('、')}`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  const { csv, ...name } = await dashboardCsv(context, user, table)
  return csvDownload(name, csv)
}
