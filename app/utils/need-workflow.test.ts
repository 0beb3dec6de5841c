import { getZodConstraint } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { daysPerWeekTotal, daysPerWeekWarning, IssueSchema, NeedSchema } from './need-validation'
import { allowedTransitions, canTransition, isEditable, publishProblems } from './need-workflow'

describe('need status workflow', () => {
  it('moves 下書き → 公開 → 選考中 → 充足 → 終了, with 取下げ from the open states only', () => {
    expect(canTransition('draft', 'published')).toBe(true)
    expect(canTransition('published', 'selecting')).toBe(true)
    expect(canTransition('selecting', 'filled')).toBe(true)
    expect(canTransition('filled', 'closed')).toBe(true)
    for (const from of ['draft', 'published', 'selecting'] as const) expect(canTransition(from, 'withdrawn')).toBe(true)
    expect(canTransition('draft', 'filled')).toBe(false)
    expect(canTransition('filled', 'withdrawn')).toBe(false)
    expect(allowedTransitions('closed')).toEqual([])
    expect(allowedTransitions('withdrawn')).toEqual([])
    expect(isEditable('filled')).toBe(false)
  })

  it('names everything a job description lacks before it can be published', () => {
    const empty = {
      title: 'x',
      role_id: null,
      employment_form: null,
      start_on: null,
      task_skill_ids: [],
      task_details: '',
      supervisor: '',
      municipalityCount: 0,
      application_deadline: '2020-01-01',
    }
    expect(publishProblems(empty, '2026-11-23')).toHaveLength(7)
    const complete = {
      ...empty,
      role_id: 'engineer',
      employment_form: 'part_time',
      start_on: '2027-04-01',
      task_skill_ids: ['dx-plan'],
      supervisor: '県デジタル推進課',
      municipalityCount: 1,
      application_deadline: '2026-12-01',
    }
    expect(publishProblems(complete, '2026-11-23')).toEqual([])
  })
})

describe('days a week per municipality', () => {
  const base = { title: '支援', employer: 'prefecture' }
  it('refuses negative, zero and more than five days for one body; adds and warns above five in total', () => {
    for (const [days, message] of [
      [-1, '週の日数は0より大きい数にしてください（0.5日単位）'],
      [0, '週の日数は0より大きい数にしてください（0.5日単位）'],
      [5.5, '1つの団体あたり週5日以内にしてください'],
      [1.2, '週の日数は0.5日単位で入力してください（例: 1.5）'],
    ] as const) {
      const result = NeedSchema.safeParse({ ...base, municipalities: [{ code: '343684', daysPerWeek: days }] })
      expect(result.success).toBe(false)
      expect(result.error?.issues.map((i) => i.message)).toContain(message)
    }
    expect(daysPerWeekTotal([{ daysPerWeek: 3 }, { daysPerWeek: '2.5' }, { daysPerWeek: '' }])).toEqual({
      total: 5.5,
      overLimit: true,
    })
    expect(daysPerWeekWarning(5)).toBeNull()
    expect(daysPerWeekWarning(6)).toContain('週5日を超えています')
  })

  it('refuses the same municipality twice and an end before the start', () => {
    const result = NeedSchema.safeParse({
      ...base,
      startOn: '2027-04-01',
      endOn: '2027-03-01',
      municipalities: [
        { code: '343684', daysPerWeek: 1 },
        { code: '343684', daysPerWeek: 1 },
      ],
    })
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endOn', '終了日は開始日以降の日付にしてください'],
      ['municipalities.1.code', '同じ市区町村が2回選ばれています'],
    ])
  })
})

describe('form schemas', () => {
  it('are schemas conform can derive browser constraints from (a root-level transform breaks the page)', () => {
    expect(getZodConstraint(NeedSchema)).toMatchObject({
      title: { required: true },
      'municipalities[].daysPerWeek': { required: true },
    })
    expect(getZodConstraint(IssueSchema)).toMatchObject({ title: { required: true }, contactEmail: { required: true } })
  })
})
