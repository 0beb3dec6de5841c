// /admin/skill-standard/export.csv: the ministry's DRAFT as CSV, to edit offline and import back through
// /admin/skill-standard/import. Ministry staff only; 404 when there is no draft.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportDraft } from '~/models/skill-standard-io.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { csvDownload } from '~/utils/download'

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'update:skill-standard:any')
  const file = await exportDraft(context, 'csv')
  if (!file)
    throw new Response('下書きがありません。スキル標準の編集ページで下書きを作成してください。', { status: 404 })
  // Unpublished work: never kept by a shared cache (the download default, private, no-store).
  return csvDownload(file, file.body)
}
