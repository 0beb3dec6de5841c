// /skills/export.json: the published skill standard (スキル標準) as JSON — public, like the catalogue pages.
// ?version=N picks a published or archived version (default: the current one); drafts are never exported
// here (ministry staff use /admin/skill-standard/export.json). Format: docs/skill-standard-format.md.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportPublicVersion } from '~/models/skill-standard-io.server'
import { fileDownload } from '~/utils/download'
import { parseVersionParam } from '~/utils/params'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const versionNo = parseVersionParam(new URL(request.url).searchParams)
  const file = await exportPublicVersion(context, versionNo, 'json')
  // A numbered version never changes once published; "the current one" does, at the next publish.
  return fileDownload(file, file.body, file.contentType, {
    cacheControl: versionNo === undefined ? 'public, max-age=0, must-revalidate' : 'public, max-age=86400',
  })
}
