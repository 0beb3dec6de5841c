// Export and import of a skill-standard version as a file: a published version or the ministry's draft as a
// download, and an uploaded file imported into the draft. The formats themselves (JSON and CSV, and reading
// them back with every problem reported) are in app/utils/skill-standard-codec.server.ts. Import checks the
// whole file first; only a fully valid file replaces the draft (one transaction, audited).
import type { AppLoadContext } from '@remix-run/node'
import { findVersionByStatus, readVersionContent } from '../../db/queries/skill-standard'
import type { CatalogueContent } from '../../db/skill-standard-content'
import type { SessionUser } from '../utils/auth.server'
import { CSV_CONTENT_TYPE } from '../utils/csv'
import { tokyoDateStamp } from '../utils/dates'
import {
  type ContentKind,
  exportCsv,
  exportJson,
  type ImportError,
  parseImportFile,
  type VersionMeta,
} from '../utils/skill-standard-codec.server'
import { replaceDraftContent, requirePublicVersion, versionLabel } from './skill-standard.server'

export interface ExportFile {
  body: string
  contentType: string
  filename: string
  asciiFilename: string
}

function exportFile(
  content: CatalogueContent,
  meta: VersionMeta,
  format: 'json' | 'csv',
  now = new Date(),
): ExportFile {
  const draft = meta.status === 'draft'
  const day = tokyoDateStamp(now)
  // A draft changes, so its file name carries the day; a published version never changes.
  const stem = `スキル標準_${versionLabel(meta.versionNo)}${draft ? `_下書き_${day}` : ''}`
  const asciiStem = `skill-standard-v${meta.versionNo}${draft ? `-draft-${day}` : ''}`
  return format === 'json'
    ? {
        body: exportJson(content, meta, now),
        contentType: 'application/json; charset=utf-8',
        filename: `${stem}.json`,
        asciiFilename: `${asciiStem}.json`,
      }
    : {
        body: exportCsv(content),
        contentType: CSV_CONTENT_TYPE,
        filename: `${stem}.csv`,
        asciiFilename: `${asciiStem}.csv`,
      }
}

/** A published or archived version as a file (404 for unknown versions and drafts). */
export async function exportPublicVersion(
  context: AppLoadContext,
  versionNo: number | undefined,
  format: 'json' | 'csv',
) {
  const { version, content } = await requirePublicVersion(context, versionNo)
  return exportFile(content, { versionNo: version.version_no, title: version.title, status: version.status }, format)
}

/** The ministry's draft as a file, or null when there is no draft. */
export async function exportDraft(context: AppLoadContext, format: 'json' | 'csv') {
  const { db } = context.services.database
  const draft = await findVersionByStatus(db, 'draft')
  if (!draft) return null
  const content = await readVersionContent(db, draft.id)
  return exportFile(content, { versionNo: draft.version_no, title: draft.title, status: draft.status }, format)
}

// ---- the import use case -----------------------------------------------------------------------------

export type ImportOutcome =
  | { status: 'ok'; counts: Record<ContentKind, number>; notices: string[] }
  | { status: 'invalid'; errors: ImportError[]; notices: string[] }
  | { status: 'no-draft' }

/** The draft the import page would replace, or null. */
export async function getImportTarget(context: AppLoadContext) {
  const { db } = context.services.database
  const draft = await findVersionByStatus(db, 'draft')
  if (!draft) return null
  const content = await readVersionContent(db, draft.id)
  return {
    versionNo: draft.version_no,
    label: versionLabel(draft.version_no),
    title: draft.title,
    counts: {
      areas: content.areas.length,
      skills: content.skills.length,
      roles: content.roles.length,
      qualifications: content.qualifications.length,
    },
  }
}

/** Parses the file and, only if every row is valid, replaces the draft's whole content with it. */
export async function importIntoDraft(
  context: AppLoadContext,
  user: SessionUser,
  bytes: Uint8Array,
  filename: string,
): Promise<ImportOutcome> {
  if (!(await findVersionByStatus(context.services.database.db, 'draft'))) return { status: 'no-draft' }
  const parsed = parseImportFile(bytes, filename)
  if (parsed.status === 'invalid') return { status: 'invalid', errors: parsed.errors, notices: parsed.notices }
  const safeName = filename.replace(/[\p{Cc}]/gu, '').slice(0, 100)
  const result = await replaceDraftContent(
    context,
    user,
    parsed.content,
    `${parsed.format.toUpperCase()}ファイル「${safeName}」`,
  )
  if (result.status === 'no-draft') return result
  return { status: 'ok', counts: result.counts, notices: parsed.notices }
}
