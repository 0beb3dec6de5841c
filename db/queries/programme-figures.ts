// The programme's published national figures (history before the platform counted itself).
import type { DbExecutor } from '../client'

export async function insertPublishedAppointmentFigure(
  db: DbExecutor,
  figure: { snapshotOn: string; appointed: number; bodies: number; sourceNote: string },
): Promise<boolean> {
  const result = await db
    .insertInto('accelerator_snapshot')
    .values({
      snapshot_on: figure.snapshotOn,
      appointed: figure.appointed,
      bodies: figure.bodies,
      source: 'published',
      source_note: figure.sourceNote,
    })
    .onConflict((oc) => oc.column('snapshot_on').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

export async function insertDxStructureNationalFigure(
  db: DbExecutor,
  figure: { asOf: string; met: readonly [number, number, number, number]; metAll: number; source: string },
): Promise<boolean> {
  const result = await db
    .insertInto('dx_structure_national_figure')
    .values({
      as_of: figure.asOf,
      met_1: figure.met[0],
      met_2: figure.met[1],
      met_3: figure.met[2],
      met_4: figure.met[3],
      met_all: figure.metAll,
      source: figure.source,
    })
    .onConflict((oc) => oc.column('as_of').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}
