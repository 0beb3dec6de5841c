// The funding estimate CLI as a user runs it: a child process on the committed samples, JSON on stdout;
// invalid input gives exit code 2, the message on stderr and nothing on stdout.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FundingEvaluation } from '../app/funding/engine'
import { loadRules, loadRulesFrom, runFundingEstimate } from '../jobs/funding-estimate-cli'
import { SEEDED_FUNDING_RULES } from '../seeds/funding-rules'
import { createTestDatabase } from './db'

const root = path.resolve(import.meta.dirname, '..')
const fixtures = path.join(root, 'tests/fixtures/funding')

function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'jobs/funding-estimate-cli.ts', ...args],
      // Without DATABASE_URL the CLI uses the seeded rules (the suite's own database is not the CLI's business).
      { cwd: root, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, DATABASE_URL: '' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

let tmp: string
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'funding-cli-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

describe('npm run funding:estimate', () => {
  it('prints the results and totals of the JSON sample (amounts computed by hand)', async () => {
    const { code, stdout, stderr } = await runCli(path.join(fixtures, 'sample.json'))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const output = JSON.parse(stdout) as FundingEvaluation
    // The whole output, reasons included, as reviewed (tests/fixtures/funding/sample.expected.json); the
    // checks below say what in it was computed by hand.
    expect(output).toEqual(JSON.parse(await readFile(path.join(fixtures, 'sample.expected.json'), 'utf8')))
    expect(Object.keys(output)).toEqual(['results', 'totals'])
    expect(
      output.results.map((r) => [r.placementId, r.fy, r.measure, r.status, r.eligibleCost, r.amount, r.proposedAmount]),
    ).toEqual([
      ['ehime-accelerator', 2025, 'A0', 'not_eligible', 0, 0, null],
      ['ehime-accelerator', 2025, 'A1', 'eligible', 8_000_000, 7_800_000, null],
      ['ehime-accelerator', 2025, 'A2', 'not_eligible', 0, 0, null],
      ['ehime-accelerator', 2025, 'C1', 'eligible', 300_000, 210_000, null],
      ['ehime-accelerator', 2026, 'A0', 'not_eligible', 0, 0, null],
      ['ehime-accelerator', 2026, 'A1', 'eligible', 8_200_000, 7_800_000, null],
      ['ehime-accelerator', 2026, 'A2', 'not_eligible', 0, 0, null],
      ['ehime-accelerator', 2026, 'C1', 'not_eligible', 0, 0, null],
      ['ehime-parttime', 2025, 'A0', 'not_eligible', 0, 0, null],
      ['ehime-parttime', 2025, 'A1', 'not_eligible', 0, 0, null],
      // 交通費 of a 非常勤職員: 要確認; (1,500,000 + 60,000) × 0.7 if confirmed.
      ['ehime-parttime', 2025, 'A2', 'needs_confirmation', 1_500_000, 0, 1_092_000],
      ['ehime-parttime', 2025, 'C1', 'not_eligible', 0, 0, null],
      ['ehime-parttime', 2026, 'A0', 'not_eligible', 0, 0, null],
      ['ehime-parttime', 2026, 'A1', 'not_eligible', 0, 0, null],
      ['ehime-parttime', 2026, 'A2', 'eligible', 3_000_000, 2_100_000, null],
      ['ehime-parttime', 2026, 'C1', 'not_eligible', 0, 0, null],
      ['ehime-contract', 2025, 'A0', 'not_eligible', 0, 0, null],
      ['ehime-contract', 2025, 'A1', 'not_eligible', 0, 0, null],
      // 委託: 6,000,000 + 募集経費 400,000 (通信運搬費 120,000 excluded) × 0.7.
      ['ehime-contract', 2025, 'A2', 'eligible', 6_400_000, 4_480_000, null],
      ['ehime-contract', 2025, 'C1', 'not_eligible', 0, 0, null],
      ['matsuyama-cio', 2025, 'B1', 'eligible', 2_400_000, 1_680_000, null],
      ['matsuyama-cio', 2025, 'B2', 'eligible', 300_000, 210_000, null],
      ['matsuyama-cio', 2025, 'C1', 'not_eligible', 0, 0, null],
      // B1 ends with R7: 要確認 in R8.
      ['matsuyama-cio', 2026, 'B1', 'needs_confirmation', 2_400_000, 0, 1_680_000],
      ['matsuyama-cio', 2026, 'B2', 'not_eligible', 0, 0, null],
      ['matsuyama-cio', 2026, 'C1', 'not_eligible', 0, 0, null],
    ])
    expect(output.totals).toEqual([
      { employer: '380008', fy: 2025, futsu: 7_800_000, tokubetsu: 4_690_000, pending: 1, persons: { A1: 1, B1: 0 } },
      { employer: '380008', fy: 2026, futsu: 7_800_000, tokubetsu: 2_100_000, pending: 0, persons: { A1: 1, B1: 0 } },
      { employer: '382019', fy: 2025, futsu: 0, tokubetsu: 1_890_000, pending: 0, persons: { A1: 0, B1: 1 } },
      { employer: '382019', fy: 2026, futsu: 0, tokubetsu: 0, pending: 1, persons: { A1: 0, B1: 0 } },
    ])
    const row = (id: string, fy: number, measure: string) =>
      output.results.find((r) => r.placementId === id && r.fy === fy && r.measure === measure)!
    expect(row('ehime-contract', 2025, 'A2')).toMatchObject({
      scheme: 'tokubetsu',
      source: '002:403, 407-433; 000:820-831',
      reason:
        '対象経費 6,400,000円 × 0.7 = 4,480,000円。対象外: 通信運搬費 120,000円（民間事業者への委託の場合、人件費以外（交通費、通信運搬費等）は対象外、002:433）',
    })
    expect(row('ehime-accelerator', 2025, 'A1')).toMatchObject({
      scheme: 'futsu',
      reason: '単価 7,800,000円 × 1人 = 7,800,000円（年度を通じて在職）。人件費の実額 8,000,000円 は算定に用いません',
    })
    expect(row('ehime-accelerator', 2025, 'A2')).toMatchObject({
      source: '002:401-403',
      reason: '普通交付税（A1）で措置されるため、同じ人件費を特別交付税では計上しません',
    })
    expect(row('matsuyama-cio', 2026, 'B1').reason).toBe(
      '要確認: 期間外: この措置は令和7年度（R7）までです。延長されたか要確認です。対象期間は「R7年度まで」で、延長の記載はありません。確認できれば 1,680,000円（対象経費 2,400,000円 × 0.7 = 1,680,000円）',
    )
  })

  it('gives the same output for the CSV sample, with --fy or with the years of its cost lines', async () => {
    const [json, csvWithFy, csv] = await Promise.all([
      runCli(path.join(fixtures, 'sample.json')),
      runCli(path.join(fixtures, 'sample.csv'), '--fy', '2025,2026'),
      runCli(path.join(fixtures, 'sample.csv')),
    ])
    expect(csvWithFy.code).toBe(0)
    expect(csvWithFy.stdout).toBe(json.stdout)
    expect(csv.stdout).toBe(json.stdout)
  })

  it('evaluates only the fiscal years --fy names', async () => {
    const { code, stdout } = await runCli(path.join(fixtures, 'sample.json'), '--fy', '2026')
    expect(code).toBe(0)
    const output = JSON.parse(stdout) as FundingEvaluation
    expect(new Set(output.results.map((r) => r.fy))).toEqual(new Set([2026]))
    expect(output.totals.map((t) => [t.employer, t.fy])).toEqual([
      ['380008', 2026],
      ['382019', 2026],
    ])
  })

  it('exits 2 with the field named on stderr and nothing on stdout for invalid JSON input', async () => {
    const file = path.join(tmp, 'invalid.json')
    await writeFile(
      file,
      JSON.stringify({
        placements: [
          {
            id: 'p1',
            employer: '380008',
            kind: 'municipal_support',
            employment: 'parttime',
            fixedTerm: false,
            mainDutyMunicipalSupport: true,
            appointedAccelerator: false,
            designatedDxLeader: false,
            planDraftingOnly: false,
            start: '2025-04-01',
            end: null,
            costs: [{ fy: 2025, item: 'salary', amount: 100 }],
          },
        ],
      }),
    )
    const { code, stdout, stderr } = await runCli(file)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toBe('placements[0] (p1).employment: 雇用形態が不正です / invalid employment form\n')
  })

  it('exits 2 for an invalid CSV row, a bad --fy, an unreadable file and no file', async () => {
    const csv = path.join(tmp, 'invalid.csv')
    await writeFile(
      csv,
      'id,employer,kind,employment,fixedTerm,mainDutyMunicipalSupport,appointedAccelerator,designatedDxLeader,planDraftingOnly,start,end,fy,item,amount,inProgramme\n' +
        'p1,380008,municipal_support,contract,false,true,false,false,false,2025-04-01,,2025,commission,-5,\n',
    )
    const results = await Promise.all([
      runCli(csv),
      runCli(path.join(fixtures, 'sample.json'), '--fy', 'R7'),
      runCli(path.join(tmp, 'missing.json')),
      runCli(),
    ])
    for (const result of results) {
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
    }
    expect(results[0]!.stderr).toContain(
      'row 2 (p1).amount: 金額は0以上の整数（円）で入力してください / amount must be a non-negative integer (yen)',
    )
    expect(results[1]!.stderr).toContain('--fy: ')
    expect(results[2]!.stderr).toContain('ファイルを読めません / cannot read the file (ENOENT)')
    expect(results[3]!.stderr).toContain('ファイルを1つ指定してください')
  })
})

describe('runFundingEstimate', () => {
  it('reads every stored version of the rules, so an extension recorded by the ministry counts', async () => {
    const database = await createTestDatabase()
    try {
      const stored = await loadRulesFrom(database.db)
      expect(stored.map((r) => `${r.id}@${r.version}`).sort()).toEqual(
        SEEDED_FUNDING_RULES.map((r) => `${r.id}@${r.version}`).sort(),
      )
      const b1 = SEEDED_FUNDING_RULES.find((r) => r.id === 'B1')!
      await database.db
        .insertInto('funding_rule')
        .values({ measure: 'B1', version: 2, rule: { ...b1, version: 2, toFy: 2027 }, change_note: '延長' })
        .execute()
      const rules = await loadRulesFrom(database.db)
      expect(rules.filter((r) => r.id === 'B1').map((r) => [r.version, r.toFy])).toEqual([
        [1, b1.toFy],
        [2, 2027],
      ])
    } finally {
      await database.close()
    }
  })

  it('uses the rules loadRules gives (the seeded rules without a database server)', async () => {
    expect(await loadRules({ DATABASE_URL: undefined })).toBe(SEEDED_FUNDING_RULES)
    let stdout = ''
    const onlyA = async () => SEEDED_FUNDING_RULES.filter((r) => r.id.startsWith('A'))
    const code = await runFundingEstimate(
      [path.join(fixtures, 'sample.json')],
      { stdout: (text) => (stdout += text), stderr: () => {} },
      onlyA,
    )
    expect(code).toBe(0)
    const output = JSON.parse(stdout) as FundingEvaluation
    expect(new Set(output.results.map((r) => r.measure))).toEqual(new Set(['A0', 'A1', 'A2', null]))
  })
})
