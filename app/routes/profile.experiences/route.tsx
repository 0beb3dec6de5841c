import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { RowAction } from '~/components/forms'
import { deleteExperience, saveExperience } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { formatYearMonth } from '~/utils/dates'
import { DeleteExperienceSchema, ExperienceSchema } from '~/utils/profile-validation'
import { BackToProfile } from '../profile._index/profile-ui'
import { replyInvalid, replyToSave, requireMyProfile } from '../profile._index/section.server'
import { ExperienceForm } from './experience-form'
import { readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: profileStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { profile, experiences, catalogue } = await requireMyProfile(context, user)
  // ?edit= only picks among my own entries (the list came from my profile); anything else adds a new one.
  const editId = new URL(request.url).searchParams.get('edit')
  const editing = experiences.find((e) => e.id === editId) ?? null
  const offered = new Set(catalogue.areas.flatMap((a) => a.skills.map((s) => s.id)))
  const retiredEvidence = (editing?.skills ?? []).filter((s) => !offered.has(s.id))
  return {
    lockVersion: profile.lockVersion,
    experiences,
    editing: editing
      ? {
          id: editing.id,
          organization: editing.organization,
          title: editing.title,
          startMonth: editing.startMonth,
          endMonth: editing.endMonth ?? '',
          description: editing.description,
          skillIds: editing.skills.map((s) => s.id),
        }
      : null,
    areas: [
      ...catalogue.areas.map((a) => ({
        id: a.id,
        name: a.name,
        skills: a.skills.map((s) => ({ id: s.id, name: s.name })),
      })),
      ...(retiredEvidence.length > 0
        ? [{ id: 'retired', name: '廃止されたスキル', skills: retiredEvidence.map((s) => ({ ...s, retired: true })) }]
        : []),
    ],
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  if (intent === 'delete') {
    const submission = parseWithZod(formData, { schema: DeleteExperienceSchema })
    if (submission.status !== 'success') return replyInvalid(submission)
    const result = await deleteExperience(context, user, submission.value)
    return replyToSave(context, submission, result, {
      redirectTo: '/profile/experiences',
      message: '職歴を削除しました。',
    })
  }
  const submission = parseWithZod(formData, { schema: ExperienceSchema })
  if (submission.status !== 'success') return replyInvalid(submission)
  const result = await saveExperience(context, user, submission.value)
  return replyToSave(context, submission, result, {
    redirectTo: '/profile/experiences',
    message: submission.value.id ? '職歴を保存しました。' : '職歴を追加しました。',
  })
}

const NEW_EXPERIENCE = {
  id: '',
  organization: '',
  title: '',
  startMonth: '',
  endMonth: '',
  description: '',
  skillIds: [] as string[],
}

export default function ProfileExperiencesRoute() {
  const { lockVersion, experiences, editing, areas } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lastResult = actionData && 'result' in actionData ? actionData.result : undefined
  const conflictLockVersion = actionData && 'lockVersion' in actionData ? actionData.lockVersion : null
  return (
    <div className="page">
      <BackToProfile />
      <h1>職歴</h1>
      <p>
        職歴ごとに、その仕事で発揮したスキルを選んでください。スキルの自己評価の根拠として、都道府県の担当者が確認します。
      </p>
      {experiences.length === 0 ? (
        <p>まだ職歴がありません。</p>
      ) : (
        <ul className="experience-list">
          {experiences.map((e) => (
            <li key={e.id} className="experience">
              <h3>
                {e.organization}
                {e.title ? `（${e.title}）` : null}
              </h3>
              <p>
                {formatYearMonth(e.startMonth)}〜{e.endMonth ? formatYearMonth(e.endMonth) : '現在'}
              </p>
              {e.description ? <p>{e.description}</p> : null}
              {e.skills.length > 0 ? (
                <p>関連スキル: {e.skills.map((s) => s.name + (s.retired ? '（廃止）' : '')).join('、')}</p>
              ) : null}
              <div className="experience__actions">
                <Link to={`/profile/experiences?edit=${e.id}`} aria-label={`${e.organization}の職歴を編集する`}>
                  編集する
                </Link>
                <RowAction
                  intent="delete"
                  values={{ lockVersion: String(conflictLockVersion ?? lockVersion), id: e.id }}
                  label="削除する"
                  ariaLabel={`${e.organization}の職歴を削除する`}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <h2>{editing ? '職歴を編集する' : '職歴を追加する'}</h2>
      <ExperienceForm
        key={editing?.id ?? 'new'}
        defaults={editing ?? NEW_EXPERIENCE}
        lockVersion={lockVersion}
        conflictLockVersion={conflictLockVersion}
        lastResult={lastResult}
        areas={areas}
      />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('職歴', 'プロフィール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
