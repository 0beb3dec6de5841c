// SQL for training records (研修の記録) of pool members: 行政実務研修, 自治大学校 and the like, with the date
// completed.
import type { DbExecutor } from '../client'

/** A member's training records, oldest first (the member page). */
export async function listTrainingRecords(db: DbExecutor, poolMemberId: string) {
  return db
    .selectFrom('training_record')
    .select(['id', 'title', 'provider', 'completed_on', 'note'])
    .where('pool_member_id', '=', poolMemberId)
    .orderBy('created_at')
    .execute()
}

export async function insertTrainingRecord(
  db: DbExecutor,
  record: {
    id: string
    poolMemberId: string
    title: string
    provider: string
    completedOn: string | null
    note: string
  },
): Promise<void> {
  await db
    .insertInto('training_record')
    .values({
      id: record.id,
      pool_member_id: record.poolMemberId,
      title: record.title,
      provider: record.provider,
      completed_on: record.completedOn,
      note: record.note,
    })
    .execute()
}

/** Moves every record of one member to another (merging two records of the same person). */
export async function moveTrainingRecords(db: DbExecutor, fromMemberId: string, toMemberId: string): Promise<void> {
  await db
    .updateTable('training_record')
    .set({ pool_member_id: toMemberId })
    .where('pool_member_id', '=', fromMemberId)
    .execute()
}
