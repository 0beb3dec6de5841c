import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { saveSkills } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { SkillsSchema } from '~/utils/profile-validation'
import { BackToProfile, ProfileSectionForm, useSectionForm } from '../profile._index/profile-ui'
import { replyInvalid, replyToSave, requireMyProfile } from '../profile._index/section.server'
import { readFormData } from '~/utils/params'
import { SkillAreas } from './skill-areas'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: profileStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { profile, skills, catalogue } = await requireMyProfile(context, user)
  const levelOf = new Map(skills.map((s) => [s.id, s.level]))
  // One group per catalogue area, then the skills I hold that the current version no longer offers (廃止).
  // The skills I hold come first in each area, and the areas where I hold some come first.
  const held = (id: string) => levelOf.has(id)
  const heldFirst = <T extends { id: string }>(list: T[]) =>
    [...list].sort((a, b) => Number(held(b.id)) - Number(held(a.id)))
  const groups = [
    ...catalogue.areas.map((area) => ({
      id: area.id,
      name: area.name,
      retired: false,
      skills: heldFirst(
        area.skills.map((s) => ({ id: s.id, name: s.name, description: s.description, levels: s.levels })),
      ),
    })),
    {
      id: 'retired',
      name: '廃止されたスキル',
      retired: true,
      skills: skills
        .filter((s) => s.retired)
        .map((s) => ({ id: s.id, name: s.name, description: '', levels: [] as string[] })),
    },
  ]
    .filter((g) => g.skills.length > 0)
    .sort((a, b) => Number(b.skills.some((s) => held(s.id))) - Number(a.skills.some((s) => held(s.id))))
  const ordered = groups.flatMap((g) => g.skills)
  return {
    lockVersion: profile.lockVersion,
    versionTitle: catalogue.versionTitle,
    levels: catalogue.levels,
    groups,
    defaults: {
      skills: ordered.map((s) => ({ skillId: s.id, level: held(s.id) ? String(levelOf.get(s.id)) : '' })),
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
  const [form, fields] = useSectionForm(SkillsSchema, {
    id: 'profile-skills',
    defaultValue: defaults,
    shouldRevalidate: 'onSubmit',
  })
  const list = fields.skills.getFieldList()
  const [chosen, setChosen] = useState<Record<string, string>>(() =>
    Object.fromEntries(defaults.skills.map((s) => [s.skillId, s.level])),
  )
  const chosenCount = Object.values(chosen).filter(Boolean).length
  return (
    <div className="page">
      <BackToProfile />
      <h1>スキル（自己評価）</h1>
      <p>
        {versionTitle ? `スキル標準（${versionTitle}）` : 'スキル標準'}
        の分野ごとに、経験のあるスキルのレベルを選んでください。経験のないスキルは「未選択」のままで構いません。
        各スキルの「レベルの目安」で、レベルごとの説明を確認できます（<Link to="/skills">スキル標準の詳しい説明</Link>
        ）。
      </p>
      <dl className="skill-level-legend">
        {levels.map((l) => (
          <div key={l.level}>
            <dt>レベル{l.level}</dt>
            <dd>{l.label}</dd>
          </div>
        ))}
      </dl>
      <ProfileSectionForm form={form} lockVersion={lockVersion} className="form-wide skill-form">
        <p className="skill-form__count">選択したスキル: {chosenCount}件</p>
        <SkillAreas
          groups={groups}
          fields={list}
          levels={levels}
          chosen={chosen}
          onChoose={(skillId, level) => setChosen((current) => ({ ...current, [skillId]: level }))}
        />
      </ProfileSectionForm>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('スキル（自己評価）', 'プロフィール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
