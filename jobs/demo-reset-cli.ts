// `npm run demo:reset`: removes the embedded demo's data so the next `npm start` builds it again (README).
import { resetEmbeddedDemo } from '../app/models/demo/reset.server'
import { parseEnv } from '../app/utils/env.server'

const result = await resetEmbeddedDemo(parseEnv())
if (result.status === 'refused') {
  console.error(`[demo:reset] ${result.message}`)
  process.exit(1)
}
if (result.removed.length === 0) console.log('[demo:reset] 削除するデモデータはありませんでした。')
for (const removed of result.removed) console.log(`[demo:reset] 削除しました: ${removed}`)
console.log(
  '[demo:reset] 次に npm start を実行すると、デモデータを最初から作り直します（デモ用ログインのパスワードも新しくなります）。',
)
