// Prepared statements on the embedded database answer exactly as `pglite.query()` does — values of every
// type we use, affected rows, errors — and recover when a statement disappears or its table changes shape.
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PreparedStatements } from './pglite-prepared'

let pglite: PGlite
let statements: PreparedStatements

beforeAll(async () => {
  pglite = await PGlite.create({ parsers: { 20: (value: string) => Number(value) } })
  await pglite.exec(`
    create table thing (
      id int8 primary key, name text not null unique, at timestamptz, day date, flag boolean,
      data jsonb, tags text[], score numeric, raw bytea
    )`)
  statements = new PreparedStatements(pglite, { capacity: 3 })
})

afterAll(async () => {
  await pglite.close()
})

const insert =
  'insert into thing (id, name, at, day, flag, data, tags, score, raw) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *'

describe('prepared statements on PGlite', () => {
  it('binds and returns every value type as pglite.query does', async () => {
    const params = [
      1,
      '広島県',
      new Date('2026-11-30T12:34:56.789Z'),
      '2026-12-01',
      true,
      { nested: ['a', 1, null] },
      ['x', 'y"z'],
      '12.50',
      new Uint8Array([1, 2, 255]),
    ]
    const viaPrepared = await statements.query(insert, params)
    await pglite.query('delete from thing')
    const viaQuery = await pglite.query(insert, params)
    expect(viaPrepared.rows).toEqual(viaQuery.rows)
    expect(viaPrepared.affectedRows).toBe(1)
    expect(viaPrepared.fields).toEqual(viaQuery.fields)
    expect(viaPrepared.rows[0]).toMatchObject({
      id: 1,
      flag: true,
      tags: ['x', 'y"z'],
      data: { nested: ['a', 1, null] },
    })
    expect((viaPrepared.rows[0] as { at: Date }).at).toBeInstanceOf(Date)
  })

  it('runs the same text again with other parameters, and nulls', async () => {
    await statements.query(insert, [2, '岡山県', null, null, null, null, null, null, null])
    const first = await statements.query('select name from thing where id = $1', [1])
    const second = await statements.query('select name from thing where id = $1', [2])
    expect(first.rows).toEqual([{ name: '広島県' }])
    expect(second.rows).toEqual([{ name: '岡山県' }])
    const updated = await statements.query('update thing set flag = $1 where id in ($2, $3)', [false, 1, 2])
    expect(updated.affectedRows).toBe(2)
    expect(updated.rows).toEqual([])
  })

  it('raises PostgreSQL errors with their fields, and the session stays usable', async () => {
    const error = await statements
      .query(insert, [3, '広島県', null, null, null, null, null, null, null])
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: '23505', constraint: 'thing_name_key' })
    const syntax = await statements.query('select from where', []).catch((e: unknown) => e)
    expect(syntax).toMatchObject({ code: '42601' })
    expect((await statements.query('select count(*)::int8 as n from thing', [])).rows).toEqual([{ n: 2 }])
  })

  it('keeps at most its capacity of statements, and an evicted text is prepared again', async () => {
    for (let i = 0; i < 5; i++) await statements.query(`select ${i}::int as n`, [])
    expect(statements.size).toBe(3)
    const prepared = await pglite.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements')
    expect(prepared.rows[0]!.n).toBe(3)
    expect((await statements.query('select 0::int as n', [])).rows).toEqual([{ n: 0 }])
  })

  it('prepares again after DEALLOCATE ALL and after the table changes shape', async () => {
    const select = 'select * from thing where id = $1'
    expect((await statements.query(select, [2])).rows[0]).toMatchObject({ name: '岡山県' })
    await pglite.exec('deallocate all')
    expect((await statements.query(select, [2])).rows[0]).toMatchObject({ name: '岡山県' })
    await pglite.exec("alter table thing add column note text not null default 'メモ'")
    expect((await statements.query(select, [2])).rows[0]).toMatchObject({ name: '岡山県', note: 'メモ' })
  })

  it('never interleaves two callers on the one session', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => statements.query('select $1::int as i, pg_sleep(0) as s', [i])),
    )
    expect(results.map((r) => (r.rows[0] as { i: number }).i)).toEqual(Array.from({ length: 40 }, (_, i) => i))
  })

  it('keeps transactions: a rolled-back write is gone, a committed one stays', async () => {
    await statements.query('begin', [])
    await statements.query(insert, [9, '鳥取県', null, null, null, null, null, null, null])
    await statements.query('rollback', [])
    await statements.query('begin', [])
    await statements.query(insert, [10, '島根県', null, null, null, null, null, null, null])
    await statements.query('commit', [])
    const names = await statements.query('select name from thing where id in ($1, $2) order by id', [9, 10])
    expect(names.rows).toEqual([{ name: '島根県' }])
  })
})
