// Needs as CSV for Excel (UTF-8 with BOM): the viewer's own prefecture (national for the ministry).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { needsCsv } from '~/models/need.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { attachmentDisposition, CSV_CONTENT_TYPE } from '~/utils/csv'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:need:own-prefecture')
  const { csv, filename, asciiFilename } = await needsCsv(context, user)
  return new Response(csv, {
    headers: {
      'Content-Type': CSV_CONTENT_TYPE,
      'Content-Disposition': attachmentDisposition(filename, asciiFilename),
      'Cache-Control': 'private, no-store',
    },
  })
}
