// Needs as CSV for Excel (UTF-8 with BOM): the viewer's own prefecture (national for the ministry).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { needsCsv } from '~/models/need.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { csvDownload } from '~/utils/download'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:need:own-prefecture')
  const { csv, ...name } = await needsCsv(context, user)
  return csvDownload(name, csv)
}
