// The スキル form's body: one collapsible section per area of the skill standard, one row per skill with
// its level as a row of radio buttons (未選択 and 1–4). The field names and values are those of the
// SkillsSchema form: skills[i].skillId (hidden) and skills[i].level ('' or 1–4).
import type { FieldMetadata } from '@conform-to/react'
import { ErrorList } from '~/components/forms'

export interface SkillGroup {
  id: string
  name: string
  retired: boolean
  skills: Array<{ id: string; name: string; description: string; levels: string[] }>
}
export interface LevelOption {
  level: number
  label: string
}
type SkillField = FieldMetadata<{ skillId: string; level?: number }>

function LevelRadios({
  skill,
  field,
  levels,
  retired,
  onChoose,
}: {
  skill: SkillGroup['skills'][number]
  field: SkillField
  levels: LevelOption[]
  retired: boolean
  onChoose: (skillId: string, level: string) => void
}) {
  const { skillId, level } = field.getFieldset()
  const descriptionId = `${level.id}-description`
  const options = [{ value: '', mark: '－', label: '未選択' }].concat(
    levels.map((l) => ({ value: String(l.level), mark: String(l.level), label: l.label })),
  )
  const describedBy = [skill.description ? descriptionId : '', level.errors ? level.errorId : '']
    .filter(Boolean)
    .join(' ')
  return (
    <fieldset className="skill-choice" aria-describedby={describedBy || undefined}>
      <legend className="skill-choice__name">
        {skill.name}
        {retired ? <span className="retired-badge">廃止</span> : null}
      </legend>
      <input type="hidden" name={skillId.name} value={skill.id} />
      {skill.description ? (
        <p id={descriptionId} className="skill-choice__description">
          {skill.description}
        </p>
      ) : null}
      <div className="level-segments">
        {options.map((option) => (
          <label key={option.value} className="level-segment">
            <input
              type="radio"
              name={level.name}
              value={option.value}
              defaultChecked={(level.initialValue ?? '') === option.value}
              onChange={() => onChoose(skill.id, option.value)}
            />
            <span className="level-segment__face">
              <span className="level-segment__mark" aria-hidden="true">
                {option.mark}
              </span>
              <span className="level-segment__label">
                {option.value ? <span className="visually-hidden">レベル{option.value} </span> : null}
                {option.label}
              </span>
            </span>
          </label>
        ))}
      </div>
      <ErrorList id={level.errorId} errors={level.errors} />
      {skill.levels.length > 0 ? (
        <details className="skill-choice__guide">
          <summary>レベルの目安</summary>
          <dl>
            {skill.levels.map((text, i) => (
              <div key={i}>
                <dt>{`レベル${i + 1} ${levels[i]?.label ?? ''}`}</dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </fieldset>
  )
}

/**
 * The areas in the order the loader gives (those where the person holds skills first). An area opens when
 * it holds a saved skill or an error; on a first visit (nothing saved) the first area opens and the others
 * show their names and counts, one click away.
 */
export function SkillAreas({
  groups,
  fields,
  levels,
  chosen,
  onChoose,
}: {
  groups: SkillGroup[]
  fields: SkillField[]
  levels: LevelOption[]
  /** skill id → chosen level ('' = 未選択), kept by the form as the person clicks. */
  chosen: Record<string, string>
  onChoose: (skillId: string, level: string) => void
}) {
  // Which areas open is decided by what was saved, not by clicks (a section must not close under the pointer).
  const saved = (field: SkillField | undefined) => Boolean(field?.getFieldset().level.initialValue)
  const nothingSaved = !fields.some(saved)
  let index = 0
  return groups.map((group, groupIndex) => {
    const rows = group.skills.map((skill) => ({ skill, field: fields[index++] }))
    const count = group.skills.filter((s) => chosen[s.id]).length
    const open =
      (nothingSaved && groupIndex === 0) ||
      rows.some(({ field }) => saved(field) || Boolean(field?.getFieldset().level.errors))
    return (
      <section key={group.id} className="skill-group" aria-labelledby={`skill-area-${group.id}`}>
        <details open={open}>
          <summary className="skill-group__summary">
            <h2 id={`skill-area-${group.id}`} className="skill-group__name">
              {group.name}
            </h2>
            <span className="skill-group__count">
              {group.skills.length}件中 {count}件を選択
            </span>
          </summary>
          {group.retired ? (
            <p className="field-description">
              スキル標準の改定で廃止されたスキルです。「未選択」にして保存すると、プロフィールから外れます。
            </p>
          ) : null}
          {rows.map(({ skill, field }) =>
            field ? (
              <LevelRadios
                key={skill.id}
                skill={skill}
                field={field}
                levels={levels}
                retired={group.retired}
                onChoose={onChoose}
              />
            ) : null,
          )}
        </details>
      </section>
    )
  })
}
