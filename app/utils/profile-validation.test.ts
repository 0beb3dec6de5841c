import { getZodConstraint } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { BasicsSchema } from './profile-validation'

const basics = {
  familyName: '山田',
  givenName: '花子',
  familyNameKana: 'やまだ',
  givenNameKana: 'はなこ',
  contactEmail: 'hanako@example.jp',
  residencePrefectureCode: '34',
  yearsPrivateIt: 5,
  yearsPublicSector: 0,
}

describe('基本情報: 業務で使える言語（任意）', () => {
  it('is optional in the browser too (no required attribute, so no browser message blocks saving)', () => {
    expect(getZodConstraint(BasicsSchema).languages?.required).toBe(false)
    expect(BasicsSchema.safeParse(basics)).toMatchObject({ success: true, data: { languages: [] } })
  })

  it('splits on 読点 and commas, drops blanks and duplicates, and explains in Japanese what is too long', () => {
    expect(BasicsSchema.parse({ ...basics, languages: '日本語、英語,日本語、 ' }).languages).toEqual(['日本語', '英語'])
    const tooMany = BasicsSchema.safeParse({
      ...basics,
      languages: Array.from({ length: 11 }, (_, i) => `言語${i}`).join('、'),
    })
    expect(tooMany.error?.issues.map((i) => i.message)).toEqual(['言語は10個まで入力できます'])
    const tooLong = BasicsSchema.safeParse({ ...basics, languages: 'あ'.repeat(31) })
    expect(tooLong.error?.issues.map((i) => i.message)).toEqual(['言語は1つ30文字以内で入力してください'])
  })
})
