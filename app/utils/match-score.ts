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

/** What the score reads of a candidate: the skill facts only (hard conditions are filters). */
export type ScoredFacts = Pick<
  CandidateFacts,
  'levels' | 'evidenceSkillIds' | 'qualificationCount' | 'yearsPublicSector'
>

/**
 * Tier and score, and nothing else: the match list ranks every hit of a search with this and explains only
 * the page it shows, so it allocates nothing per requirement. explainMatch takes its score from here, so the
 * list and the detail never disagree.
 */
export function scoreMatch(
  requirements: readonly Requirement[],
  candidate: ScoredFacts,
): Pick<MatchExplanation, 'score' | 'tier'> {
  // Per group: the sum of credits (1 when held at the required level or above, level/required below it, 0
  // when missing) and the count; the share is their ratio (no requirement in a group = full credit).
  let essentialCredit = 0
  let essentialCount = 0
  let essentialsMet = 0
  let optionalCredit = 0
  let optionalCount = 0
  let metCount = 0
  let marginSum = 0
  let evidencedCount = 0
  for (const requirement of requirements) {
    const held = candidate.levels.get(requirement.skillId)
    const met = held !== undefined && held >= requirement.minLevel
    const credit = held === undefined ? 0 : met ? 1 : held / requirement.minLevel
    if (requirement.essential) {
      essentialCount++
      essentialCredit += credit
      if (met) essentialsMet++
    } else {
      optionalCount++
      optionalCredit += credit
    }
    if (met) {
      metCount++
      marginSum += held - requirement.minLevel
    }
    if (held !== undefined && candidate.evidenceSkillIds.has(requirement.skillId)) evidencedCount++
  }
  const share = (credit: number, count: number) => (count === 0 ? 1 : credit / count)
  const margin = metCount === 0 ? 0 : marginSum / metCount
  const evidenced = requirements.length === 0 ? 0 : evidencedCount / requirements.length
  const raw =
    WEIGHTS.essential * share(essentialCredit, essentialCount) +
    WEIGHTS.optional * share(optionalCredit, optionalCount) +
    WEIGHTS.margin * Math.min(1, margin / 2) +
    WEIGHTS.evidence * evidenced +
    WEIGHTS.qualifications * Math.min(1, candidate.qualificationCount / 2) +
    WEIGHTS.publicSector * Math.min(1, candidate.yearsPublicSector / 5)
  return { score: Math.round(raw), tier: essentialsMet === essentialCount ? 0 : 1 }
}

export function explainMatch(need: NeedFacts, candidate: CandidateFacts): MatchExplanation {
  const skills = need.requirements.map((r) => skillFit(r, candidate))
  const essentials = skills.filter((s) => s.essential)
  const optional = skills.filter((s) => !s.essential)
  const { score, tier } = scoreMatch(need.requirements, candidate)
  const essentialsMet = essentials.filter((s) => s.state === 'met').length
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
    score,
    tier,
    skills,
    conditions: conditionsOf(need, candidate),
    summary: parts.join('・'),
  }
}

/** The match order: tier, then score (higher first), then id. */
export function compareMatches(
  a: { id: string; explanation: Pick<MatchExplanation, 'score' | 'tier'> },
  b: { id: string; explanation: Pick<MatchExplanation, 'score' | 'tier'> },
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
