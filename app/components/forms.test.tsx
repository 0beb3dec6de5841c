// The field components as a browser receives them (server-rendered): each control labelled, its name,
// constraint and default value taken from the conform field, and, once the server has answered with errors,
// the errors next to the control and wired to it by aria-invalid and aria-describedby.
import type { SubmissionResult } from '@conform-to/react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { OptionChoices, SkillChoicesByArea } from './choice-group'
import { CheckboxField, Field, SelectField, TextareaField, useSchemaForm } from './forms'

const Schema = z.object({
  name: z.string({ message: '氏名を入力してください' }).min(1),
  note: z.string().optional(),
  unit: z.enum(['hour', 'day']),
  agree: z.literal('on'),
  plan: z.enum(['a', 'b']),
  skills: z.array(z.string()).min(1, { message: 'スキルを選んでください' }),
})

function Fields({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [, fields] = useSchemaForm(Schema, {
    id: 'test',
    defaultValue: { name: '山田', note: 'メモ', unit: 'day', plan: 'b', skills: ['bpr'] },
    lastResult,
  })
  return (
    <>
      <Field label="氏名" description="例: 山田 太郎" field={fields.name} autoComplete="name" />
      <TextareaField label="備考" field={fields.note} rows={3} />
      <SelectField label="単位" field={fields.unit} options={UNITS} placeholder="選択してください" />
      <CheckboxField label="同意します" field={fields.agree} />
      <OptionChoices legend="案" field={fields.plan} type="radio" options={PLANS} />
      <SkillChoicesByArea summary="スキル" field={fields.skills} areas={AREAS} open />
    </>
  )
}
const UNITS = [
  { value: 'hour', label: '時給' },
  { value: 'day', label: '日額' },
]
const PLANS = [
  { value: 'a', label: 'A案', description: '早い' },
  { value: 'b', label: 'B案' },
]
const AREAS = [{ id: 'dx', name: 'DX', skills: [{ id: 'bpr', name: 'BPR' }] }]

const html = (lastResult?: SubmissionResult<string[]>) => renderToStaticMarkup(<Fields lastResult={lastResult} />)

/** The attributes of every start tag `<name …>` in the markup that has all the given attribute values. */
function tags(markup: string, name: string, where: Record<string, string> = {}) {
  return [...markup.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'g'))]
    .map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!, a[2] ?? ''])))
    .filter((attrs) => Object.entries(where).every(([key, value]) => attrs[key] === value))
}
const tag = (markup: string, name: string, where: Record<string, string>) => {
  const found = tags(markup, name, where)
  expect(found).toHaveLength(1)
  return found[0]!
}
/** The text inside the element with this id (its tags removed). */
const textOf = (markup: string, id: string) =>
  markup.match(new RegExp(`id="${id}"[^>]*>(.*?)</(p|ul|label)>`))?.[1]?.replace(/<[^>]+>/g, '')
const labelFor = (markup: string, id: string) =>
  markup.match(new RegExp(`<label for="${id}">(.*?)</label>`))?.[1]?.replace(/<[^>]+>/g, '')

describe('field components', () => {
  it('label each control and take its name, constraint and default value from the conform field', () => {
    const page = html()
    const name = tag(page, 'input', { name: 'name' })
    expect(labelFor(page, name.id!)).toBe('氏名必須')
    expect(name).toMatchObject({ type: 'text', required: '', value: '山田', autoComplete: 'name' })
    expect(name['aria-describedby']).toBe(`${name.id}-description`)
    expect(textOf(page, `${name.id}-description`)).toBe('例: 山田 太郎')
    expect(name['aria-invalid']).toBeUndefined()

    const note = tag(page, 'textarea', { name: 'note' })
    expect(labelFor(page, note.id!)).toBe('備考')
    expect(note.rows).toBe('3')
    expect(page).toContain('>メモ</textarea>')

    const unit = tag(page, 'select', { name: 'unit' })
    expect(labelFor(page, unit.id!)).toBe('単位必須')
    expect(page).toContain(
      '<option value="">選択してください</option><option value="hour">時給</option><option value="day" selected="">日額</option>',
    )

    expect(tag(page, 'input', { name: 'agree' })).toMatchObject({ type: 'checkbox', value: 'on' })
    expect(page).toMatch(/<label for="[^"]+"><input [^>]*name="agree"[^>]*\/>同意します<\/label>/)

    expect(tags(page, 'input', { name: 'plan' }).map((p) => [p.type, p.value, 'checked' in p])).toEqual([
      ['radio', 'a', false],
      ['radio', 'b', true],
    ])
    expect(page).toContain('<span>A案<span class="choice__hint">早い</span></span>')
    expect(tag(page, 'input', { name: 'skills', value: 'bpr' })).toHaveProperty('checked')
    expect(page).toContain('<span>BPR</span>')
  })

  it('show the errors of a submission next to each control and wire them to it', () => {
    const page = html({
      status: 'error',
      initialValue: { name: '' },
      error: { name: ['氏名を入力してください'], plan: ['案を選んでください'], skills: ['スキルを選んでください'] },
    })
    const name = tag(page, 'input', { name: 'name' })
    expect(name['aria-invalid']).toBe('true')
    const [description, error] = name['aria-describedby']!.split(' ')
    expect(textOf(page, description!)).toBe('例: 山田 太郎')
    expect(textOf(page, error!)).toBe('氏名を入力してください')

    const group = tag(page, 'fieldset', { 'aria-invalid': 'true' })
    expect(textOf(page, group['aria-describedby']!)).toBe('案を選んでください')
    expect(page).toMatch(
      /<ul id="[^"]+" class="field-errors"><li class="field-error">スキルを選んでください<\/li><\/ul><\/details>/,
    )
  })

  it('wire a field of a form without conform from the id, name and errors given', () => {
    const page = renderToStaticMarkup(
      <>
        <Field
          label="研修名"
          id="training-title"
          name="title"
          defaultValue="行政実務研修"
          errors={['研修名を入力してください']}
        />
        <TextareaField label="メモ" id="note" name="note" rows={3} />
        <SelectField label="状態" id="to" name="to" options={UNITS} />
        <CheckboxField label="送る" id="send" name="send" defaultChecked />
        <Field label="キーワード" id="q" name="q" type="search" errors={[undefined]} />
      </>,
    )
    expect(tag(page, 'input', { name: 'title' })).toMatchObject({
      id: 'training-title',
      type: 'text',
      value: '行政実務研修',
      'aria-invalid': 'true',
      'aria-describedby': 'training-title-error',
    })
    expect(labelFor(page, 'training-title')).toBe('研修名')
    expect(textOf(page, 'training-title-error')).toBe('研修名を入力してください')
    expect(labelFor(page, 'note')).toBe('メモ')
    expect(tag(page, 'textarea', { name: 'note' })['aria-invalid']).toBeUndefined()
    expect(labelFor(page, 'to')).toBe('状態')
    expect(tag(page, 'input', { name: 'send' })).toMatchObject({ type: 'checkbox', id: 'send', checked: '' })
    // A filter's error slot without a message is no error.
    expect(tag(page, 'input', { name: 'q' })).not.toHaveProperty('aria-invalid')
  })
})
