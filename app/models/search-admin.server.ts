// Search operations for ministry admins: how full each index is, how far the outbox lags, and a rebuild of
// every index from Postgres (the same rebuild as `npm run search:reindex`: a fresh index per entity, swapped in
// when complete, so search keeps answering meanwhile). One rebuild at a time per running app; it runs in the
// background and the page shows its progress.
import type { AppLoadContext } from '@remix-run/node'
import { getSearchOutboxBacklog } from '../../db/queries/search-outbox'
import { reindexAll, type ReindexProgress } from '../../jobs/reindex'
import { SEARCH_ENTITIES, type SearchEntity } from '../../search/registry'
import type { SessionUser } from '../utils/auth.server'
import { actorFrom, recordAudit } from './audit.server'

const ENTITY_LABELS: Record<SearchEntity, string> = {
  local_government: '地方公共団体',
  skill_catalogue: 'スキル標準',
  profile: 'プロフィール',
  need: 'ニーズ',
}

interface RebuildState {
  startedAt: string
  startedBy: string
  progress: ReindexProgress | null
  finishedAt: string | null
  error: string | null
  counts: Partial<Record<SearchEntity, number>>
}

// Per running app (its services object): tests run several apps in one process.
const rebuilds = new WeakMap<object, RebuildState>()

export async function getSearchAdminPage(context: AppLoadContext) {
  const { search, database, maxOutboxAttempts } = context.services
  const indexes = await Promise.all(
    SEARCH_ENTITIES.map(async (entity) => {
      try {
        const stats = await search.meili.index(search.indexUid(entity)).getStats()
        return { entity, label: ENTITY_LABELS[entity], documents: stats.numberOfDocuments as number | null }
      } catch {
        return { entity, label: ENTITY_LABELS[entity], documents: null }
      }
    }),
  )
  const backlog = await getSearchOutboxBacklog(database.db, maxOutboxAttempts)
  const rebuild = rebuilds.get(context.services) ?? null
  return {
    indexes,
    searchReachable: indexes.some((i) => i.documents !== null),
    backlog: { pending: backlog.pending, failed: backlog.failed },
    rebuild: rebuild && {
      ...rebuild,
      running: rebuild.finishedAt === null,
      progressLabel: rebuild.progress
        ? `${ENTITY_LABELS[rebuild.progress.entity]} ${rebuild.progress.done} / ${rebuild.progress.total}`
        : '準備中',
    },
  }
}

export type StartRebuildResult = { status: 'started' } | { status: 'running' }

/** Starts a rebuild of every index in the background (refused while one runs). Audited when it starts. */
export async function startSearchRebuild(context: AppLoadContext, user: SessionUser): Promise<StartRebuildResult> {
  const { services } = context
  if (rebuilds.get(services)?.finishedAt === null) return { status: 'running' }
  const state: RebuildState = {
    startedAt: new Date().toISOString(),
    startedBy: user.display_name,
    progress: null,
    finishedAt: null,
    error: null,
    counts: {},
  }
  rebuilds.set(services, state)
  await recordAudit(services.database.db, actorFrom(context, user), {
    action: 'rebuild',
    entity: 'search_index',
    entityId: 'all',
    summary: '検索インデックスの再構築を開始しました',
  })
  void reindexAll(services.database.db, services.search, {
    onProgress: (progress) => {
      state.progress = progress
      if (progress.done === progress.total) state.counts[progress.entity] = progress.total
    },
  })
    .catch((error: unknown) => {
      state.error = error instanceof Error ? error.message : String(error)
      console.error('[search] 再構築に失敗しました', error)
    })
    .finally(() => {
      state.finishedAt = new Date().toISOString()
    })
  return { status: 'started' }
}

/** Waits for the rebuild this app runs, if any (tests, and a shutdown that wants to finish cleanly). */
export async function waitForSearchRebuild(context: AppLoadContext, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (rebuilds.get(context.services)?.finishedAt === null) {
    if (Date.now() > deadline) throw new Error('search rebuild did not finish in time')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
