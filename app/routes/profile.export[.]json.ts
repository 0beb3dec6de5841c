// /profile/export.json: everything the platform keeps about me (本人によるデータの持ち出し), as a download.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportMyData } from '~/models/profile-data.server'
import { requireUserWithRole } from '~/utils/auth.server'
import { tokyoDateStamp } from '~/utils/dates'
import { fileDownload } from '~/utils/download'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { json } = await exportMyData(context, user)
  const day = tokyoDateStamp(json.exportedAt)
  // Personal data: never kept by a shared cache or the browser's.
  return fileDownload(
    { filename: `マイデータ_${day}.json`, asciiFilename: `my-data-${day}.json` },
    JSON.stringify(json, null, 2),
    'application/json; charset=utf-8',
    { cacheControl: 'no-store' },
  )
}
