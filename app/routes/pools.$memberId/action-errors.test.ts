import { describe, expect, it } from 'vitest'
import { errorsOf } from './action-errors'

describe('errorsOf (which form a pool member action answers)', () => {
  it('gives the errors to the form whose intent was sent, and nothing to the others', () => {
    const actionData = {
      result: {
        status: 'error' as const,
        initialValue: { intent: 'training', title: '' },
        error: { title: ['研修名を入力してください'] },
      },
    }
    expect(errorsOf(actionData, 'training')).toEqual({
      fields: { title: ['研修名を入力してください'] },
      form: undefined,
    })
    expect(errorsOf(actionData, 'interview')).toEqual({ fields: {}, form: undefined })
  })

  it('answers the status form when no intent was sent, with stale hidden fields as a form message', () => {
    const actionData = {
      result: {
        status: 'error' as const,
        initialValue: { to: 'screening' },
        error: { '': ['ほかの人が先に状態を変更しました。'], lockVersion: ['フォームの状態が正しくありません。'] },
      },
    }
    expect(errorsOf(actionData, 'status')).toEqual({
      fields: {},
      form: ['ほかの人が先に状態を変更しました。', 'フォームの状態が正しくありません。'],
    })
  })

  it('has nothing to say before any post', () => {
    expect(errorsOf(undefined, 'roles')).toEqual({ fields: {}, form: undefined })
  })
})
