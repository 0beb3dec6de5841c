// The accelerator's entry in the network directory: with whom it is shared, and what it shows. The two
// checkboxes say what they would add (the prefecture's name, the skills with their levels), so nobody shares
// something without seeing it.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { OptionChoices } from '~/components/choice-group'
import { CheckboxField, Field, FormErrors, SubmitButton, TextareaField, useSchemaForm } from '~/components/forms'
import { DIRECTORY_LIMITS, DirectoryEntrySchema } from '~/utils/accelerator-validation'
import { DIRECTORY_VISIBILITY_OPTIONS } from '~/utils/labels'

const VISIBILITY_HINTS: Record<string, string> = {
  hidden: '名簿に載りません。',
  accelerators: '任命中のほかのアクセラレータと、総務省・デジタル庁の職員が見られます。',
  public: 'ほかのアクセラレータに加え、だれでも見られる「自治体DXアクセラレータ500」の紹介ページにも載ります。',
}

export interface DirectoryDefaults {
  visibility: string
  displayName: string
  headline: string
  introduction: string
  contact: string
  showPrefecture: boolean
  showSkills: boolean
}

export function DirectoryForm({
  defaults,
  prefectureNames,
  skills,
  lastResult,
}: {
  defaults: DirectoryDefaults
  prefectureNames: string[]
  skills: Array<{ name: string; level: number; levelLabel: string }>
  lastResult?: SubmissionResult<string[]> | null
}) {
  const [form, fields] = useSchemaForm(DirectoryEntrySchema, {
    id: 'directory-entry',
    defaultValue: defaults,
    lastResult,
  })
  return (
    <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      <OptionChoices
        legend="名簿に掲載する範囲"
        required
        field={fields.visibility}
        type="radio"
        options={DIRECTORY_VISIBILITY_OPTIONS.map((o) => ({ ...o, description: VISIBILITY_HINTS[o.value] }))}
      />
      <Field
        label="表示名"
        description="名簿に表示する名前です。プロフィールの氏名から始まります。"
        field={fields.displayName}
        maxLength={DIRECTORY_LIMITS.displayName}
      />
      <Field
        label="肩書き・ひとこと"
        description={`任意。${DIRECTORY_LIMITS.headline}文字以内（例: 県のDX推進アドバイザー／自治体のクラウド移行を支援）`}
        field={fields.headline}
        maxLength={DIRECTORY_LIMITS.headline}
      />
      <TextareaField
        label="紹介文"
        description={`任意。${DIRECTORY_LIMITS.introduction}文字以内。得意な分野や、ほかのアクセラレータと話したいことなど。`}
        field={fields.introduction}
        className="profile-textarea"
        rows={6}
      />
      <Field
        label="連絡先"
        description={`任意。${DIRECTORY_LIMITS.contact}文字以内。名簿を見た人が使える連絡先（メールアドレス、SNS など）を書いた場合だけ表示します。アカウントのメールアドレスは表示しません。`}
        field={fields.contact}
        maxLength={DIRECTORY_LIMITS.contact}
      />
      <CheckboxField
        label={`都道府県を表示する（${prefectureNames.join('、') || '任命中の都道府県'}）`}
        field={fields.showPrefecture}
      />
      <CheckboxField label="プロフィールのスキルとレベルを表示する" field={fields.showSkills} />
      {skills.length > 0 ? (
        <div>
          <p className="field-description">「スキルとレベルを表示する」を選ぶと、次のように表示されます:</p>
          <ul className="skill-tags">
            {skills.map((skill) => (
              <li key={skill.name}>
                {skill.name} {skill.level} {skill.levelLabel}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="field-description">
          プロフィールにスキルが登録されていないため、表示するスキルはありません（プロフィールの「スキル」で登録できます）。
        </p>
      )}
      <div>
        <SubmitButton pendingText="保存中…">掲載内容を保存する</SubmitButton>
      </div>
    </Form>
  )
}
