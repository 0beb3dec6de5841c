// The pool as CSV for Excel (UTF-8 with BOM): the viewer's own prefecture only (national for the ministry).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { poolCsv } from '~/models/pool.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { attachmentDisposition, CSV_CONTENT_TYPE } from '~/utils/csv'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:pool:own-prefecture')
  // ?pool=national: the ministry's national list only (prefecture staff always get their own pool).
  const national = new URL(request.url).searchParams.get('pool') === 'national'
  const { csv, filename, asciiFilename } = await poolCsv(context, user, { national })
  return new Response(csv, {
    headers: {
      'Content-Type': CSV_CONTENT_TYPE,
      'Content-Disposition': attachmentDisposition(filename, asciiFilename),
      'Cache-Control': 'private, no-store',
    },
  })
}
