// /admin/audit.csv: the 監査ログ as CSV (UTF-8 with BOM, opens in Excel), same guard, filters, scope and
// masking as the page. The page's 「CSVでダウンロード」 link carries the current filters.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { auditCsvForAdmin, auditFilterErrors, parseAuditFilters } from '~/models/audit-view.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { csvDownload } from '~/utils/download'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, context, 'read:audit:own-prefecture')
  const parsed = parseAuditFilters(new URL(request.url).searchParams)
  if (!parsed.success) {
    const messages = Object.values(auditFilterErrors(parsed.error))
    return new Response(`絞り込みの条件が正しくありません。${messages.join('。')}。`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  }
  const { csv, filename, asciiFilename, rowCount, truncated } = await auditCsvForAdmin(context, admin, parsed.data)
  // Personal data, even masked: never kept by a shared cache (csvDownload's default).
  return csvDownload({ filename, asciiFilename }, csv, {
    headers: { 'X-Audit-Row-Count': String(rowCount), 'X-Audit-Truncated': truncated ? 'true' : 'false' },
  })
}
