// 国の外部人材リスト as prefectures see it, as CSV (UTF-8 with BOM): registered people who consented, only.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { sharedNationalListCsv } from '~/models/pool-national-list.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { csvDownload } from '~/utils/download'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:national-list:consented')
  const { csv, ...name } = await sharedNationalListCsv(context, user)
  return csvDownload(name, csv)
}
