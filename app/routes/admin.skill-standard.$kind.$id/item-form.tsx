// The editor for one catalogue item. Field names match app/utils/skill-standard-forms.ts; a failed save
// (validation or a conflict) keeps everything the editor typed (conform restores lastResult's values).
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import {
  CheckboxField,
  Field,
  FormErrors,
  type FormField,
  SelectField,
  SubmitButton,
  TextareaField,
  useSchemaForm,
} from '~/components/forms'
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
  const [form, fields] = useSchemaForm(schema, { id: `edit-${kind}`, lastResult, defaultValue: defaults(kind, item) })
  // The fields differ by kind (one schema per kind); those a kind lacks are not rendered for it.
  const f = fields as Record<string, FormField>
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
          field={f.id!}
        />
      )}
      <Field label="名称" field={f.name!} />
      {kind === 'skills' ? (
        <SelectField label="分野" field={f.areaId!} options={areas} placeholder="選択してください" />
      ) : null}
      {kind === 'qualifications' ? (
        <>
          <Field label="区分" field={f.category!} />
          <Field label="実施・認定団体" field={f.issuer!} />
        </>
      ) : null}
      {kind === 'roles' ? (
        <>
          <Field label="表示グループ（例: エンジニア・サービスデザイナー）" field={f.displayGroup!} />
          <TextareaField label="役割（職務）— 資料の記述" field={f.duties!} rows={3} />
        </>
      ) : null}
      <TextareaField label="説明" field={f.description!} rows={3} />
      {kind === 'skills'
        ? SKILL_LEVEL_OPTIONS.map(({ level, label }) => (
            <TextareaField key={level} label={`レベル${label}`} field={f[`level${level}`]!} rows={2} />
          ))
        : null}
      {kind !== 'areas' ? (
        <TextareaField
          label="検索語・同義語"
          description="1行に1語（例: 業務改革、ガバクラ）。検索で同じ意味として扱います。"
          field={f.synonyms!}
          rows={3}
        />
      ) : null}
      {kind === 'skills' || kind === 'roles' ? <Field label="出典（資料と行）" field={f.source!} /> : null}
      {kind === 'skills' ? <Field label="IPAデジタルスキル標準のスキル（任意）" field={f.ipaSkill!} /> : null}
      {kind === 'roles' ? (
        <>
          <Field label="IPAデジタルスキル標準の人材類型（任意）" field={f.ipaRole!} />
          <CheckboxField label="内部人材（DX推進リーダー等、人材プールの対象外）" field={f.internal!} />
        </>
      ) : null}
      {kind === 'roles' || kind === 'qualifications' ? (
        <Field
          label="ITSSレベル（1〜7、任意）"
          field={f.itssLevel!}
          type="number"
          // Optional: conform cannot see through the schema's transform, so say so here.
          required={false}
          min={1}
          max={7}
        />
      ) : null}
      <Field label="表示順" field={f.sortOrder!} type="number" />
      <CheckboxField label="廃止する（参照は残り、廃止と表示されます）" field={f.retired!} />
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
