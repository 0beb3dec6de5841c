// What every profile section's action does with the model's answer (GUIDE rule 1: redirect with a flash
// message, or the submission's reply with a status). Kept beside the overview: the section routes share it.
import type { Submission } from '@conform-to/react'
import { type AppLoadContext, data } from '@remix-run/node'
import {
  getMyProfile,
  PROFILE_CONFLICT_MESSAGE,
  PROFILE_MISSING_MESSAGE,
  type SaveResult,
} from '~/models/profile.server'
import type { SessionUser } from '~/utils/auth.server'
import { redirectWithToast } from '~/utils/toast.server'

export async function replyToSave(
  context: AppLoadContext,
  submission: Submission<unknown>,
  result: SaveResult,
  success: { redirectTo: string; message: string },
) {
  switch (result.status) {
    case 'ok':
      return redirectWithToast(context, success.redirectTo, { type: 'success', message: success.message })
    case 'no-profile':
      return redirectWithToast(context, '/profile/basics', { type: 'error', message: PROFILE_MISSING_MESSAGE })
    case 'conflict':
      // The reply keeps what the user typed; the current lock version lets them save over it knowingly.
      return data(
        { result: submission.reply({ formErrors: [PROFILE_CONFLICT_MESSAGE] }), lockVersion: result.lockVersion },
        { status: 409 },
      )
    case 'invalid': {
      const { '': formErrors, ...fieldErrors } = result.fieldErrors
      return data({ result: submission.reply({ formErrors, fieldErrors }), lockVersion: null }, { status: 400 })
    }
  }
}

/** A submission that failed validation: field errors, the input kept. */
export function replyInvalid(submission: Submission<unknown>) {
  return data({ result: submission.reply(), lockVersion: null }, { status: 400 })
}

/** The sections after the basics need a profile: without one, the professional is sent to the basics. */
export async function requireMyProfile(context: AppLoadContext, user: SessionUser) {
  const mine = await getMyProfile(context, user)
  if (!mine.profile)
    throw await redirectWithToast(context, '/profile/basics', { type: 'info', message: PROFILE_MISSING_MESSAGE })
  return { ...mine, profile: mine.profile }
}
