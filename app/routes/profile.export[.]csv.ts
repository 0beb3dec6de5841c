// /profile/export.csv: the same data as export.json, one fact per row (区分, 項目, 値), UTF-8 with BOM for Excel.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportMyData } from '~/models/profile-data.server'
import { requireUserWithRole } from '~/utils/auth.server'
import { attachmentDisposition, CSV_CONTENT_TYPE } from '~/utils/csv'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { json, csv } = await exportMyData(context, user)
  const day = json.exportedAt.slice(0, 10).replaceAll('-', '')
  return new Response(csv, {
    headers: {
      'Content-Type': CSV_CONTENT_TYPE,
      'Content-Disposition': attachmentDisposition(`マイデータ_${day}.csv`, `my-data-${day}.csv`),
      'Cache-Control': 'no-store',
    },
  })
}
