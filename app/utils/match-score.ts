// How well a candidate fits a need: one score and the reasons for it, computed the same way for the match
// list, the candidate's detail, a professional's own view of a need and the SQL fallback. Pure functions over
// facts (no I/O), so a test can hold the ranking rules down with hand-made candidates.
//
// Ranking. Candidates are ordered by tier first — everyone who meets every 必須 skill at its required level
// comes before anyone who does not, whatever else they have — then by score, then by id (stable pages).
// Score (0–100):
//   必須 skills   60  each skill counts 1 when held at the required level or above, level/required when held
//                    below it, 0 when missing (no 必須 skills: the full 60)
//   任意 skills   20  the same rule
//   level margin   5  how far above the requirement the met skills are held (2 levels on average = full)
//   evidence       5  share of the need's skills that the work history names
//   qualifications 5  2 or more registered = full
//   public sector  5  5 years or more in government = full
// Hard conditions (consent, employment form, days per week, place, start date) are filters, not scores: a
// candidate who fails one is not a candidate. The availability lines still say how each was met.

export interface Requirement {
  skillId: string
  name: string
  minLevel: number
  essential: boolean
}

export interface NeedFacts {
  requirements: readonly Requirement[]
  employmentForm: string | null
  employmentFormLabel: string | null
  /** Days a week the need asks for (its municipalities together); 0 = not stated. */
  daysPerWeek: number
  prefectureCode: string
  prefectureName: string
  /** Remote work is possible (some remote days a week). */
  remote: boolean
  /** 'YYYY-MM-DD' or null. */
  startOn: string | null
}

export interface CandidateFacts {
  /** Level held per skill id. */
  levels: ReadonlyMap<string, number>
  evidenceSkillIds: ReadonlySet<string>
  qualificationCount: number
  yearsPublicSector: number
  employmentForms: readonly string[]
  daysPerWeek: number | null
  workArea: 'all' | 'selected'
  workPrefectureCodes: readonly string[]
  remoteOk: boolean
  /** 'YYYY-MM-DD' or null (available now). */
  availableFrom: string | null
}

export type SkillState = 'met' | 'below' | 'missing'

export interface SkillFit {
  skillId: string
  name: string
  essential: boolean
  required: number
  held: number | null
  state: SkillState
  evidenced: boolean
}

export interface Condition {
  label: string
  ok: boolean
  detail: string
}

export interface MatchExplanation {
  score: number
  /** 0 = every 必須 skill met; 1 = not. Sorted before the score. */
  tier: 0 | 1
  skills: SkillFit[]
  conditions: Condition[]
  /** One line: why the candidate stands where it stands. */
  summary: string
}

const WEIGHTS = { essential: 60, optional: 20, margin: 5, evidence: 5, qualifications: 5, publicSector: 5 }

function skillFit(requirement: Requirement, candidate: CandidateFacts): SkillFit {
  const held = candidate.levels.get(requirement.skillId) ?? null
  const state: SkillState = held === null ? 'missing' : held >= requirement.minLevel ? 'met' : 'below'
  return {
    skillId: requirement.skillId,
    name: requirement.name,
    essential: requirement.essential,
    required: requirement.minLevel,
    held,
    state,
    evidenced: candidate.evidenceSkillIds.has(requirement.skillId),
  }
}

function credit(fit: SkillFit): number {
  if (fit.state === 'met') return 1
  if (fit.state === 'below') return (fit.held ?? 0) / fit.required
  return 0
}

const share = (fits: SkillFit[]) => (fits.length === 0 ? 1 : fits.reduce((sum, f) => sum + credit(f), 0) / fits.length)

function conditionsOf(need: NeedFacts, candidate: CandidateFacts): Condition[] {
  const conditions: Condition[] = []
  if (need.employmentForm) {
    conditions.push({
      label: '雇用形態',
      ok: candidate.employmentForms.includes(need.employmentForm),
      detail: `${need.employmentFormLabel ?? need.employmentForm}を希望に含む`,
    })
  }
  if (need.daysPerWeek > 0) {
    const days = candidate.daysPerWeek
    conditions.push({
      label: '勤務日数',
      ok: days !== null && days >= need.daysPerWeek,
      detail:
        days === null
          ? `週${need.daysPerWeek}日が必要（本人は未記入）`
          : `週${days}日まで可（必要 週${need.daysPerWeek}日）`,
    })
  }
  const inArea = candidate.workArea === 'all' || candidate.workPrefectureCodes.includes(need.prefectureCode)
  conditions.push({
    label: '勤務地',
    ok: inArea || (need.remote && candidate.remoteOk),
    detail: inArea
      ? `${need.prefectureName}で勤務できる`
      : need.remote && candidate.remoteOk
        ? 'リモートで対応できる'
        : `${need.prefectureName}は勤務希望地に含まれない`,
  })
  if (need.startOn) {
    const from = candidate.availableFrom
    conditions.push({
      label: '着任可能日',
      ok: from === null || from <= need.startOn,
      detail: from === null ? 'すぐに着任できる' : `${from}から（開始 ${need.startOn}）`,
    })
  }
  return conditions
}

export function explainMatch(need: NeedFacts, candidate: CandidateFacts): MatchExplanation {
  const skills = need.requirements.map((r) => skillFit(r, candidate))
  const essentials = skills.filter((s) => s.essential)
  const optional = skills.filter((s) => !s.essential)
  const met = skills.filter((s) => s.state === 'met')
  const margin = met.length === 0 ? 0 : met.reduce((sum, s) => sum + ((s.held ?? 0) - s.required), 0) / met.length
  const evidenced =
    skills.length === 0 ? 0 : skills.filter((s) => s.evidenced && s.held !== null).length / skills.length
  const raw =
    WEIGHTS.essential * share(essentials) +
    WEIGHTS.optional * share(optional) +
    WEIGHTS.margin * Math.min(1, margin / 2) +
    WEIGHTS.evidence * evidenced +
    WEIGHTS.qualifications * Math.min(1, candidate.qualificationCount / 2) +
    WEIGHTS.publicSector * Math.min(1, candidate.yearsPublicSector / 5)
  const essentialsMet = essentials.filter((s) => s.state === 'met').length
  const tier = essentialsMet === essentials.length ? 0 : 1
  const parts = [
    essentials.length === 0
      ? '必須スキルの指定なし'
      : tier === 0
        ? `必須スキル ${essentials.length}件をすべて満たす`
        : `必須スキル ${essentials.length}件中 ${essentialsMet}件を満たす`,
  ]
  if (optional.length > 0)
    parts.push(`任意スキル ${optional.length}件中 ${optional.filter((s) => s.state === 'met').length}件`)
  const evidencedCount = skills.filter((s) => s.evidenced && s.held !== null).length
  if (evidencedCount > 0) parts.push(`職務経歴の裏付け ${evidencedCount}件`)
  return {
    score: Math.round(raw),
    tier,
    skills,
    conditions: conditionsOf(need, candidate),
    summary: parts.join('・'),
  }
}

/** The match order: tier, then score (higher first), then id. */
export function compareMatches(
  a: { id: string; explanation: MatchExplanation },
  b: { id: string; explanation: MatchExplanation },
): number {
  return (
    a.explanation.tier - b.explanation.tier ||
    b.explanation.score - a.explanation.score ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}

/** Levels from a search document's `skills_compact` ("bpr:3 data:2"). */
export function levelsFromCompact(compact: string): Map<string, number> {
  const levels = new Map<string, number>()
  for (const pair of compact.split(' ')) {
    const at = pair.lastIndexOf(':')
    if (at > 0) levels.set(pair.slice(0, at), Number(pair.slice(at + 1)))
  }
  return levels
}
