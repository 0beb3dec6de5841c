// /profile/export.json: everything the platform keeps about me (本人によるデータの持ち出し), as a download.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportMyData } from '~/models/profile-data.server'
import { requireUserWithRole } from '~/utils/auth.server'
import { attachmentDisposition } from '~/utils/csv'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { json } = await exportMyData(context, user)
  const day = json.exportedAt.slice(0, 10).replaceAll('-', '')
  return new Response(JSON.stringify(json, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': attachmentDisposition(`マイデータ_${day}.json`, `my-data-${day}.json`),
      // Personal data: never kept by a shared cache or the browser's.
      'Cache-Control': 'no-store',
    },
  })
}
