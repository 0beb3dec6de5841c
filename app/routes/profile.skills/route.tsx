import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, FormErrors, SubmitButton } from '~/components/forms'
import { saveSkills } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { SkillsSchema } from '~/utils/profile-validation'
import { BackToProfile, LockVersionInput } from '../profile._index/profile-ui'
import { replyInvalid, replyToSave, requireMyProfile } from '../profile._index/section.server'
import { readFormData } from '~/utils/params'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: profileStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { profile, skills, catalogue } = await requireMyProfile(context, user)
  const levelOf = new Map(skills.map((s) => [s.id, s.level]))
  // One group per catalogue area, then the skills I hold that the current version no longer offers (廃止).
  const groups = [
    ...catalogue.areas.map((area) => ({
      name: area.name,
      retired: false,
      skills: area.skills.map((s) => ({ id: s.id, name: s.name, description: s.description, levels: s.levels })),
    })),
    {
      name: '廃止されたスキル',
      retired: true,
      skills: skills
        .filter((s) => s.retired)
        .map((s) => ({ id: s.id, name: s.name, description: '', levels: [] as string[] })),
    },
  ].filter((g) => g.skills.length > 0)
  const ordered = groups.flatMap((g) => g.skills)
  return {
    lockVersion: profile.lockVersion,
    versionTitle: catalogue.versionTitle,
    levels: catalogue.levels,
    groups,
    defaults: {
      skills: ordered.map((s) => ({ skillId: s.id, level: levelOf.has(s.id) ? String(levelOf.get(s.id)) : '' })),
    },
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const submission = parseWithZod(await readFormData(request), { schema: SkillsSchema })
  if (submission.status !== 'success') return replyInvalid(submission)
  const result = await saveSkills(context, user, submission.value)
  return replyToSave(context, submission, result, {
    redirectTo: '/profile/skills',
    message: 'スキルの自己評価を保存しました。',
  })
}

export default function ProfileSkillsRoute() {
  const { lockVersion, versionTitle, levels, groups, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lastResult = actionData && 'result' in actionData ? actionData.result : undefined
  const [form, fields] = useForm({
    id: 'profile-skills',
    constraint: getZodConstraint(SkillsSchema),
    defaultValue: defaults,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SkillsSchema }),
  })
  const list = fields.skills.getFieldList()
  let index = 0
  return (
    <div className="page">
      <BackToProfile />
      <h1>スキル（自己評価）</h1>
      <p>
        {versionTitle ? `スキル標準（${versionTitle}）` : 'スキル標準'}
        の各スキルについて、あてはまるレベルを選んでください。経験のないスキルは「未選択」のままで構いません。各スキルの「レベルの目安」を開くと、レベルごとの説明を確認できます。
      </p>
      <dl className="definition-list">
        {levels.map((l) => (
          <div key={l.level}>
            <dt>レベル{l.level}</dt>
            <dd>{l.label}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to="/skills">スキル標準の詳しい説明</Link>
      </p>
      <Form method="post" className="form-stack form-wide" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
        <LockVersionInput
          loaded={lockVersion}
          afterConflict={actionData && 'lockVersion' in actionData ? actionData.lockVersion : null}
        />
        {groups.map((group) => (
          <fieldset key={group.name} className="skill-area">
            <legend>{group.name}</legend>
            {group.retired ? (
              <p className="field-description">
                スキル標準の改定で廃止されたスキルです。「未選択」にして保存すると、プロフィールから外れます。
              </p>
            ) : null}
            {group.skills.map((skill) => {
              const item = list[index++]
              if (!item) return null
              const { skillId, level } = item.getFieldset()
              return (
                <div key={skill.id} className="skill-row">
                  <input type="hidden" name={skillId.name} value={skill.id} />
                  <label htmlFor={level.id}>
                    {skill.name}
                    {group.retired ? <span className="retired-badge">廃止</span> : null}
                  </label>
                  {skill.description ? <p className="field-description">{skill.description}</p> : null}
                  <select
                    {...getSelectProps(level)}
                    aria-invalid={level.errors ? true : undefined}
                    aria-describedby={level.errors ? level.errorId : undefined}
                  >
                    <option value="">未選択</option>
                    {levels.map((l) => (
                      <option key={l.level} value={String(l.level)}>
                        {`レベル${l.level} ${l.label}`}
                      </option>
                    ))}
                  </select>
                  <ErrorList id={level.errorId} errors={level.errors} />
                  {skill.levels.length > 0 ? (
                    <details>
                      <summary>レベルの目安</summary>
                      <dl>
                        {skill.levels.map((text, i) => (
                          <div key={i} style={{ display: 'contents' }}>
                            <dt>{`レベル${i + 1} ${levels[i]?.label ?? ''}`}</dt>
                            <dd>{text}</dd>
                          </div>
                        ))}
                      </dl>
                    </details>
                  ) : null}
                </div>
              )
            })}
          </fieldset>
        ))}
        <div>
          <SubmitButton pendingText="保存中…">保存する</SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [
  { title: 'スキル（自己評価） | プロフィール | 自治体DXアクセラレータ500 プラットフォーム' },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
