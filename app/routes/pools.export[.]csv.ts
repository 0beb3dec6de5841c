// The pool as CSV for Excel (UTF-8 with BOM): the viewer's own prefecture only (national for the ministry).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { poolCsv } from '~/models/pool.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { csvDownload } from '~/utils/download'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:pool:own-prefecture')
  // ?pool=national: the ministry's national list only (prefecture staff always get their own pool).
  const national = new URL(request.url).searchParams.get('pool') === 'national'
  const { csv, ...name } = await poolCsv(context, user, { national })
  return csvDownload(name, csv)
}
