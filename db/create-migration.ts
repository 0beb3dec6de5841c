// Usage: npm run db:migration:create -- add-user-table
// Writes a timestamped, frozen migration file and appends it to the explicit registry.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

const name = process.argv[2]
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('使い方: npm run db:migration:create -- <kebab-case-name>')
  process.exit(1)
}
const stamp = new Date()
  .toISOString()
  .replace(/[-:.]/g, '')
  .replace(/(\d{8}T\d{6})(\d{3})Z/, '$1$2Z')
const file = `${stamp}-${name}`
const dir = path.join(import.meta.dirname, 'migrations')
await writeFile(
  path.join(dir, `${file}.ts`),
  `// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql\`select 1\`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql\`select 1\`.execute(db)
}
`,
)
const registry = path.join(dir, 'index.ts')
let text = await readFile(registry, 'utf8')
const alias = `m${stamp}`
text = text.replace(
  /(import \* as m\S+ from '\.\/[^']+'\n)(?![\s\S]*import \* as m)/,
  `$1import * as ${alias} from './${file}'\n`,
)
text = text.replace(/\n}\n?$/, `\n  '${file}': ${alias},\n}\n`)
await writeFile(registry, text)
console.log(`作成しました: db/migrations/${file}.ts`)
