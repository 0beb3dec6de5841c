// Postgres input errors as the client's mistake: a 400 with a Japanese message instead of a 500.
//
// Why here and not per route: Remix answers 500 for anything a loader or action throws that is not a
// Response, and its handleError cannot change the status. Ids, NUL bytes and lengths are validated at the
// edge (app/utils/params.ts, app/utils/field-schemas.ts); this is the one backstop for what still slips
// through (a number past int4, a date like 2024-02-30, a text longer than its column). It is installed on
// the database connection (db/client.ts `mapQueryError`), so every model call is covered without wrapping
// 60 loaders and actions. Only class 22 (data exception) input codes are mapped: constraint violations
// (23xxx) keep their own translation in the models, and anything else stays a real error.
const INPUT_ERRORS: Record<string, string> = {
  '22P02': '入力の形式が正しくありません。',
  '22021': '使用できない文字が含まれています。',
  '22001': '入力が長すぎます。',
  '22003': '数値が大きすぎるか、小さすぎます。',
  '22007': '日付・時刻の形式が正しくありません。',
  '22008': '日付・時刻が範囲外です。',
}

export function inputErrorResponse(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  const message = typeof code === 'string' ? INPUT_ERRORS[code] : undefined
  if (!message) return error
  return new Response(`${message}入力内容を確認して、もう一度お試しください。`, {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
