// /profile/export.csv: the same data as export.json, one fact per row (区分, 項目, 値), UTF-8 with BOM for Excel.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportMyData } from '~/models/profile-data.server'
import { requireUserWithRole } from '~/utils/auth.server'
import { tokyoDateStamp } from '~/utils/dates'
import { csvDownload } from '~/utils/download'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { json, csv } = await exportMyData(context, user)
  const day = tokyoDateStamp(json.exportedAt)
  // Personal data: never kept by a shared cache or the browser's.
  return csvDownload({ filename: `マイデータ_${day}.csv`, asciiFilename: `my-data-${day}.csv` }, csv, {
    cacheControl: 'no-store',
  })
}
