// Placements as CSV for Excel (UTF-8 with BOM): what the viewer's list shows, with the same filters.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { placementsCsv } from '~/models/placement.server'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { csvDownload } from '~/utils/download'
import { PLACEMENT_READ_PERMISSIONS } from '~/utils/permissions'
import { placementFilterOf } from '~/utils/placement-validation'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_READ_PERMISSIONS)
  const { csv, ...name } = await placementsCsv(context, user, placementFilterOf(new URL(request.url).searchParams))
  return csvDownload(name, csv)
}
