// The editor for one catalogue item. Field names match app/utils/skill-standard-forms.ts; a failed save
// (validation or a conflict) keeps everything the editor typed (conform restores lastResult's values).
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { CheckboxField, ErrorList, Field, FormErrors, SelectField, SubmitButton } from '~/components/forms'
import { SKILL_LEVEL_OPTIONS } from '~/utils/labels'
import { type EditKind, FORM_SCHEMAS } from '~/utils/skill-standard-forms'

type Item = Record<string, unknown> | null

function defaults(kind: EditKind, item: Item): Record<string, string> {
  if (!item) return { sortOrder: '0' }
  const value: Record<string, string> = {}
  for (const [key, v] of Object.entries(item)) {
    if (key === 'levels' && Array.isArray(v)) v.forEach((text, i) => (value[`level${i + 1}`] = String(text)))
    else if (key === 'synonyms' && Array.isArray(v)) value.synonyms = v.join('\n')
    else if (typeof v === 'boolean') value[key] = v ? 'on' : ''
    else if (v !== null && v !== undefined && typeof v !== 'object') value[key] = String(v)
  }
  return value
}

function TextArea({
  label,
  field,
  rows = 3,
  description,
}: {
  label: string
  field: Parameters<typeof getTextareaProps>[0]
  rows?: number
  description?: string
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {description ? (
        <p id={`${field.id}-description`} className="field-description">
          {description}
        </p>
      ) : null}
      <textarea
        {...getTextareaProps(field)}
        rows={rows}
        aria-describedby={
          [description ? `${field.id}-description` : '', field.errors ? field.errorId : ''].filter(Boolean).join(' ') ||
          undefined
        }
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function ItemForm({
  kind,
  item,
  lockVersion,
  areas,
  skills,
  lastResult,
}: {
  kind: EditKind
  item: Item
  lockVersion: number | null
  areas: Array<{ value: string; label: string }>
  skills: Array<{ id: string; name: string; retired: boolean }>
  lastResult: SubmissionResult<string[]> | null | undefined
}) {
  const schema = FORM_SCHEMAS[kind]
  const [form, fields] = useForm({
    id: `edit-${kind}`,
    constraint: getZodConstraint(schema),
    lastResult,
    defaultValue: defaults(kind, item),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldRevalidate: 'onBlur',
  })
  const f = fields as Record<string, Parameters<typeof getInputProps>[0]>
  const requirements = new Map(
    ((item?.requirements as Array<{ skillId: string; minLevel: number; essential: boolean }>) ?? []).map((r) => [
      r.skillId,
      r,
    ]),
  )
  return (
    <Form method="post" className="form-stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      <input type="hidden" name="lockVersion" value={lockVersion ?? ''} />
      {item ? (
        <input type="hidden" name="id" value={String(item.id)} />
      ) : (
        <Field
          label="ID（変更不可）"
          description="半角英小文字・数字・ハイフン。プロフィールやニーズはこのIDで参照するため、作成後は変更できません。"
          inputProps={getInputProps(f.id!, { type: 'text' })}
          errors={f.id!.errors}
        />
      )}
      <Field label="名称" inputProps={getInputProps(f.name!, { type: 'text' })} errors={f.name!.errors} />
      {kind === 'skills' ? (
        <SelectField
          label="分野"
          selectProps={getSelectProps(f.areaId as never)}
          options={areas}
          placeholder="選択してください"
          errors={f.areaId!.errors}
        />
      ) : null}
      {kind === 'qualifications' ? (
        <>
          <Field label="区分" inputProps={getInputProps(f.category!, { type: 'text' })} errors={f.category!.errors} />
          <Field
            label="実施・認定団体"
            inputProps={getInputProps(f.issuer!, { type: 'text' })}
            errors={f.issuer!.errors}
          />
        </>
      ) : null}
      {kind === 'roles' ? (
        <>
          <Field
            label="表示グループ（例: エンジニア・サービスデザイナー）"
            inputProps={getInputProps(f.displayGroup!, { type: 'text' })}
            errors={f.displayGroup!.errors}
          />
          <TextArea label="役割（職務）— 資料の記述" field={f.duties as never} />
        </>
      ) : null}
      <TextArea label="説明" field={f.description as never} />
      {kind === 'skills'
        ? SKILL_LEVEL_OPTIONS.map(({ level, label }) => (
            <TextArea key={level} label={`レベル${label}`} field={f[`level${level}`] as never} rows={2} />
          ))
        : null}
      {kind !== 'areas' ? (
        <TextArea
          label="検索語・同義語"
          field={f.synonyms as never}
          description="1行に1語（例: 業務改革、ガバクラ）。検索で同じ意味として扱います。"
        />
      ) : null}
      {kind === 'skills' || kind === 'roles' ? (
        <Field
          label="出典（資料と行）"
          inputProps={getInputProps(f.source!, { type: 'text' })}
          errors={f.source!.errors}
        />
      ) : null}
      {kind === 'skills' ? (
        <Field
          label="IPAデジタルスキル標準のスキル（任意）"
          inputProps={getInputProps(f.ipaSkill!, { type: 'text' })}
          errors={f.ipaSkill!.errors}
        />
      ) : null}
      {kind === 'roles' ? (
        <>
          <Field
            label="IPAデジタルスキル標準の人材類型（任意）"
            inputProps={getInputProps(f.ipaRole!, { type: 'text' })}
            errors={f.ipaRole!.errors}
          />
          <CheckboxField
            label="内部人材（DX推進リーダー等、人材プールの対象外）"
            inputProps={getInputProps(f.internal!, { type: 'checkbox' })}
            errors={f.internal!.errors}
          />
        </>
      ) : null}
      {kind === 'roles' || kind === 'qualifications' ? (
        <Field
          label="ITSSレベル（1〜7、任意）"
          // Optional: conform cannot see through the schema's transform, so say so here.
          inputProps={{ ...getInputProps(f.itssLevel!, { type: 'number' }), required: false, min: 1, max: 7 }}
          errors={f.itssLevel!.errors}
        />
      ) : null}
      <Field label="表示順" inputProps={getInputProps(f.sortOrder!, { type: 'number' })} errors={f.sortOrder!.errors} />
      <CheckboxField
        label="廃止する（参照は残り、廃止と表示されます）"
        inputProps={getInputProps(f.retired!, { type: 'checkbox' })}
        errors={f.retired!.errors}
      />
      {kind === 'roles' ? (
        <fieldset>
          <legend>必要なスキル（必要レベルと必須・任意）</legend>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">スキル</th>
                <th scope="col">必要レベル</th>
                <th scope="col">必須</th>
              </tr>
            </thead>
            <tbody>
              {skills.map((skill) => {
                const requirement = requirements.get(skill.id)
                return (
                  <tr key={skill.id}>
                    <td>
                      {skill.name}
                      {skill.retired ? <span className="badge">廃止</span> : null}
                    </td>
                    <td>
                      <select
                        name={`req-level-${skill.id}`}
                        defaultValue={requirement ? String(requirement.minLevel) : ''}
                        aria-label={`${skill.name}の必要レベル`}
                      >
                        <option value="">不要</option>
                        {SKILL_LEVEL_OPTIONS.map(({ level, label }) => (
                          <option key={level} value={String(level)}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        name={`req-essential-${skill.id}`}
                        defaultChecked={requirement?.essential ?? false}
                        aria-label={`${skill.name}を必須にする`}
                      />
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </fieldset>
      ) : null}
      <div>
        <SubmitButton pendingText="保存中…">保存する</SubmitButton>
      </div>
    </Form>
  )
}
