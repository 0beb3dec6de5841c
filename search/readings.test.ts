// The reading analyser in its own process: readings of kanji words in katakana, batches answered in order,
// a memo in front of it, a restart after it dies or idles out, documents still built when it cannot answer,
// and no process left behind when the app goes away.
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { addReadings, readingTwin } from './documents/reading-fields'
import { INDEXES } from './indexes'
import { readingOfTokens, wordsOfTokens } from './reading-text'
import { createReadingAnalyzer, type ReadingAnalyzer } from './readings'

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const analyzers: ReadingAnalyzer[] = []
function analyzer(options: Parameters<typeof createReadingAnalyzer>[0] = {}) {
  const created = createReadingAnalyzer({ log: () => {}, ...options })
  analyzers.push(created)
  return created
}
afterAll(async () => {
  for (const created of analyzers) await created.close()
})

describe('readingOfTokens', () => {
  it('joins a compound noun into one word and lists its parts on a second line', () => {
    const tokens = [
      { surface_form: '標準', reading: 'ヒョウジュン', pos: '名詞' },
      { surface_form: '化', reading: 'カ', pos: '名詞' },
      { surface_form: 'の', reading: 'ノ', pos: '助詞' },
      { surface_form: '支援', reading: 'シエン', pos: '名詞' },
    ]
    expect(readingOfTokens(tokens)).toBe('ヒョウジュンカ ノ シエン\nヒョウジュン カ ノ シエン')
  })

  it('spells words the dictionary does not know as written (kana in katakana), and skips symbols', () => {
    const tokens = [
      { surface_form: 'BPR', pos: '名詞' },
      { surface_form: '・', reading: '・', pos: '記号' },
      { surface_form: 'がばくら', reading: '*', pos: '名詞' },
    ]
    expect(readingOfTokens(tokens)).toBe('BPR ガバクラ')
    expect(readingOfTokens([])).toBe('')
  })
})

describe('wordsOfTokens', () => {
  it('pairs each word the reading writes with the word as written: compounds whole, then their parts', () => {
    const tokens = [
      { surface_form: '標準', reading: 'ヒョウジュン', pos: '名詞' },
      { surface_form: '化', reading: 'カ', pos: '名詞' },
      { surface_form: '・', reading: '・', pos: '記号' },
      { surface_form: 'がばくら', reading: '*', pos: '名詞' },
      { surface_form: 'の', reading: 'ノ', pos: '助詞' },
    ]
    expect(wordsOfTokens(tokens)).toEqual([
      { surface: '標準化', reading: 'ヒョウジュンカ' },
      { surface: 'がばくら', reading: 'ガバクラ' },
      { surface: 'の', reading: 'ノ' },
      { surface: '標準', reading: 'ヒョウジュン' },
      { surface: '化', reading: 'カ' },
    ])
    expect(wordsOfTokens([])).toEqual([])
  })
})

describe('the analyser process', () => {
  it("lists a text's words with their readings", async () => {
    expect(await analyzer().words(['標準化の支援', ''])).toEqual([
      [
        { surface: '標準化', reading: 'ヒョウジュンカ' },
        { surface: 'の', reading: 'ノ' },
        { surface: '支援', reading: 'シエン' },
        { surface: '標準', reading: 'ヒョウジュン' },
        { surface: '化', reading: 'カ' },
      ],
      [],
    ])
  })

  it('reads kanji words in katakana: the whole compound first, then its parts', async () => {
    const readings = await analyzer().read(['標準化の支援', '安芸太田町', 'ｾｷｽﾍﾟ研修'])
    expect(readings).toEqual([
      'ヒョウジュンカ ノ シエン\nヒョウジュン カ ノ シエン',
      'アキオオタマチ\nアキ オオタ マチ',
      'セキスペケンシュウ\nセキスペ ケンシュウ',
    ])
  })

  it('answers a batch in order (repeats and blanks included) and remembers what it read', async () => {
    const reader = analyzer()
    const texts = ['情報セキュリティ', '業務改革', '情報セキュリティ', '', '研修']
    const readings = await reader.read(texts)
    expect(readings).toEqual([
      'ジョウホウセキュリティ\nジョウホウ セキュリティ',
      'ギョウムカイカク\nギョウム カイカク',
      'ジョウホウセキュリティ\nジョウホウ セキュリティ',
      '',
      'ケンシュウ',
    ])
    // With the process gone, what was read is still answered, without starting a new one.
    const pid = reader.pid!
    process.kill(pid, 'SIGKILL')
    await waitFor(() => reader.pid === undefined)
    expect(await reader.read(['研修', '業務改革'])).toEqual([readings[4], readings[1]])
    expect(reader.pid).toBeUndefined()
  })

  it('starts a new process after it was killed', async () => {
    const reader = analyzer()
    expect(await reader.read(['人材育成'])).toEqual(['ジンザイイクセイ\nジンザイ イクセイ'])
    const before = reader.pid!
    process.kill(before, 'SIGKILL')
    await waitFor(() => !isAlive(before))
    expect(await reader.read(['職員研修'])).toEqual(['ショクインケンシュウ\nショクイン ケンシュウ'])
    expect(reader.pid).not.toBe(before)
    expect(isAlive(reader.pid!)).toBe(true)
  })

  it('exits after the idle time, and the next batch starts it again', async () => {
    const reader = analyzer({ idleMs: 300 })
    await reader.read(['仕様調整'])
    const first = reader.pid!
    await waitFor(() => !isAlive(first))
    expect(reader.pid).toBeUndefined()
    expect(await reader.read(['調達支援'])).toEqual(['チョウタツシエン\nチョウタツ シエン'])
    expect(reader.pid).not.toBe(first)
  })

  it('answers null when it cannot start, logs that once, and does not hold anything up', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dxp-reading-'))
    try {
      const broken = path.join(dir, 'broken-host.mjs')
      await writeFile(broken, 'process.exit(3)\n')
      const logged: string[] = []
      const reader = analyzer({ script: { file: broken, execArgv: [] }, log: (message) => logged.push(message) })
      expect(await reader.read(['標準化', '研修'])).toEqual([null, null])
      expect(await reader.read(['標準化'])).toEqual([null])
      expect(logged).toHaveLength(1)
      expect(logged[0]).toContain('読み仮名なしで登録します')

      const missing = analyzer({ script: { file: path.join(dir, 'missing.js'), execArgv: [] }, log: () => {} })
      expect(await missing.read(['標準化'])).toEqual([null])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('exits by itself when the app that started it is killed', async () => {
    const script = `
      import { createReadingAnalyzer } from ${JSON.stringify(path.resolve('search/readings.ts'))}
      const reader = createReadingAnalyzer()
      await reader.read(['標準化'])
      console.log('pid ' + reader.pid)
      setInterval(() => {}, 1000)
    `
    const app = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        app.stdout.on('data', (chunk: Buffer) => {
          const match = /pid (\d+)/.exec(chunk.toString())
          if (match) resolve(Number(match[1]))
        })
        app.on('exit', (code) => reject(new Error(`app exited early (${code})`)))
      })
      expect(isAlive(pid)).toBe(true)
      app.kill('SIGKILL')
      await waitFor(() => !isAlive(pid), 15_000)
    } finally {
      app.kill('SIGKILL')
    }
  }, 60_000)
})

describe('addReadings', () => {
  const docs = [
    { id: 'a', title: '標準化', places: ['安芸太田町'], title_reading: '', places_reading: ['アキオオタチョウ'] },
    { id: 'b', title: '', places: ['北広島町', '高梁市'], title_reading: '', places_reading: [] as string[] },
  ]

  it('fills the empty twins in one batch and keeps the ones the builder wrote', async () => {
    const filled = await addReadings(docs, ['title', 'places'], analyzer())
    expect(filled).toEqual([
      { ...docs[0], title_reading: 'ヒョウジュンカ\nヒョウジュン カ' },
      {
        ...docs[1],
        title_reading: '',
        places_reading: ['キタヒロシママチ\nキタヒロシマ マチ', 'タカハシシ\nタカハシ シ'],
      },
    ])
    // The builder's documents are left as they were.
    expect(docs[1]!.places_reading).toEqual([])
  })

  it('leaves the twins empty when the analyser cannot answer: the documents are still built', async () => {
    const unavailable: ReadingAnalyzer = {
      read: async (texts) => texts.map(() => null),
      words: async () => null,
      close: async () => {},
      pid: undefined,
    }
    expect(await addReadings(docs, ['title', 'places'], unavailable)).toEqual([
      docs[0],
      { ...docs[1], places_reading: ['', ''] },
    ])
  })
})

describe('index settings', () => {
  it('search every reading twin, after all the text fields, so the text as written ranks first', () => {
    for (const [name, { settings }] of Object.entries(INDEXES)) {
      const searchable = settings.searchableAttributes ?? []
      const twins = searchable.filter((field) => field.endsWith('_reading'))
      if (name === 'local_government') {
        // Its readings are the master data's kana keys (search/indexes.ts), not twins.
        expect(twins).toEqual([])
        continue
      }
      expect(twins.length, name).toBeGreaterThan(0)
      const text = searchable.filter((field) => !field.endsWith('_reading'))
      expect(searchable, name).toEqual([...text, ...twins])
      expect(twins, name).toEqual(text.filter((field) => twins.includes(readingTwin(field))).map(readingTwin))
      expect(settings.localizedAttributes?.[0]?.attributePatterns, name).toEqual(searchable)
    }
  })
})
