// /skills/export.csv: the published skill standard (スキル標準) as CSV — public, like the catalogue pages.
// ?version=N picks a published or archived version (default: the current one); drafts are never exported
// here (ministry staff use /admin/skill-standard/export.csv). Format: docs/skill-standard-format.md.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportPublicVersion } from '~/models/skill-standard-io.server'
import { csvDownload } from '~/utils/download'
import { parseVersionParam } from '~/utils/params'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const versionNo = parseVersionParam(new URL(request.url).searchParams)
  const file = await exportPublicVersion(context, versionNo, 'csv')
  // A numbered version never changes once published; "the current one" does, at the next publish.
  return csvDownload(file, file.body, {
    cacheControl: versionNo === undefined ? 'public, max-age=0, must-revalidate' : 'public, max-age=86400',
  })
}
