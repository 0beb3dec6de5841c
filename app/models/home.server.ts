// The home page of each role: what needs the viewer's attention now, and the next step. Counts come from
// the same rows the list pages show, scoped to the viewer.
import type { AppLoadContext } from '@remix-run/node'
import {
  countMinistryAttention,
  countPrefectureAttention,
  countPublicFigures,
  listMunicipalityOverview,
  listMyMembershipSteps,
} from '../../db/queries/attention'
import { listSupportersOfMunicipality } from '../../db/queries/placements'
import { NATIONAL_LIST_CODE } from '../../db/schema'
import { formatDate, formatDateTime, tokyoIsoDate } from '../utils/dates'
import {
  ISSUE_STATUS_LABELS,
  NEED_STATUS_LABELS,
  PLACEMENT_EMPLOYMENT_LABELS,
  PLACEMENT_KIND_LABELS,
  POOL_STATUS_LABELS,
} from '../utils/labels'
import type { SessionUser } from '../utils/session.server'
import { isAcceleratorNow } from './accelerator.server'
import { getMyProfileCompletion } from './profile.server'
import { getMyFittingNeeds } from './match.server'
import { getMyOffers } from './shortlist.server'

const HOME_FITTING_NEEDS = 3

/** What a professional is asked to do next at each pool status. */
const NEXT_STEP: Record<string, string> = {
  applied: '都道府県の担当者が応募内容を確認します。連絡をお待ちください。',
  screening: '書類を確認しています。プロフィールを最新にしておきましょう。',
  interview: '面接の日程が決まると、ここに表示されます。',
  training: '行政研修の受講を進めてください。',
  registered: '人材プールに登録されています。市町村の支援の打診をお待ちください。',
  declined: '今回は見送りとなりました。ほかの都道府県にも応募できます。',
}

export type Home = Awaited<ReturnType<typeof getHome>>

export async function getHome(context: AppLoadContext, user: SessionUser | null) {
  const { db } = context.services.database
  if (!user) return { kind: 'public' as const, figures: await countPublicFigures(db) }

  if (user.role === 'professional') {
    const [completion, memberships, offers, fitting, accelerator] = await Promise.all([
      getMyProfileCompletion(context, user),
      listMyMembershipSteps(db, user.id),
      getMyOffers(context, user),
      getMyFittingNeeds(context, user),
      isAcceleratorNow(context, user),
    ])
    const nextSection = completion.find((c) => !c.done) ?? null
    return {
      kind: 'professional' as const,
      /** Appointed now: the home leads to the accelerator's page. */
      accelerator,
      completion: {
        done: completion.filter((c) => c.done).length,
        total: completion.length,
        next: nextSection ? { label: nextSection.label, href: nextSection.href, hint: nextSection.hint } : null,
      },
      // 打診: a prefecture asks the person about one of its needs (the need's shortlist).
      offers,
      // The open calls that fit the person best (all of them on /open-calls/for-me).
      fittingNeeds: fitting.needs.slice(0, HOME_FITTING_NEEDS),
      fittingCount: fitting.hasProfile ? fitting.fitting : 0,
      applications: memberships.map((m) => ({
        id: m.id,
        poolName:
          m.prefecture_code === NATIONAL_LIST_CODE
            ? '国の外部人材リスト'
            : `${m.prefecture_name ?? m.prefecture_code}の人材プール`,
        statusLabel: POOL_STATUS_LABELS[m.status],
        status: m.status,
        interview:
          m.interview_at && new Date(m.interview_at) >= new Date()
            ? { at: formatDateTime(m.interview_at), place: m.interview_place }
            : null,
        nextStep: NEXT_STEP[m.status] ?? '',
      })),
    }
  }

  if (user.role === 'municipal_staff' && user.municipality_code) {
    const [{ issues, needs }, supporters] = await Promise.all([
      listMunicipalityOverview(db, user.municipality_code),
      listSupportersOfMunicipality(db, user.municipality_code, tokyoIsoDate()),
    ])
    return {
      kind: 'municipality' as const,
      // この自治体を支援している人: who (as their employer records them), on which days, from when to when.
      supporters: supporters.map((s) => ({
        placementId: s.id,
        personName: s.person_name,
        jobTitle: s.job_title,
        employerName: s.employer_name,
        kindLabel: PLACEMENT_KIND_LABELS[s.kind],
        employmentLabel: PLACEMENT_EMPLOYMENT_LABELS[s.employment],
        daysPerWeek: Number(s.days_per_week),
        weekdays: s.weekdays,
        period: `${s.start_on ? formatDate(s.start_on) : ''}〜${s.end_on ? formatDate(s.end_on) : ''}`,
      })),
      issues: issues.map((i) => ({
        id: i.id,
        title: i.title,
        status: i.status,
        statusLabel: ISSUE_STATUS_LABELS[i.status],
        updated: formatDate(i.updated_at),
      })),
      needs: needs.map((n) => ({
        id: n.id,
        title: n.title,
        status: n.status,
        statusLabel: NEED_STATUS_LABELS[n.status],
        daysPerWeek: Number(n.days_per_week),
        period: n.start_on ? `${formatDate(n.start_on)}〜${n.end_on ? formatDate(n.end_on) : ''}` : null,
      })),
    }
  }

  if ((user.role === 'prefecture_staff' || user.role === 'prefecture_admin') && user.prefecture_code) {
    return { kind: 'prefecture' as const, counts: await countPrefectureAttention(db, user.prefecture_code) }
  }

  if (user.role === 'ministry_staff' || user.role === 'ministry_admin') {
    return {
      kind: 'ministry' as const,
      counts: await countMinistryAttention(db),
      isAdmin: user.role === 'ministry_admin',
    }
  }
  // An account without the body its role needs (e.g. a municipal account whose body was removed).
  return { kind: 'incomplete' as const }
}
