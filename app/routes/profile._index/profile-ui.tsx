// Pieces the profile section pages share: the back link (the lock version input and the choice group now
// live in ~/components/choice-group, shared with the needs pages).
import { Link } from '@remix-run/react'

export { ChoiceGroup, LockVersionInput, PrefectureChoices } from '~/components/choice-group'

export function BackToProfile() {
  return (
    <p className="profile-back">
      <Link to="/profile">← プロフィールの概要に戻る</Link>
    </p>
  )
}
