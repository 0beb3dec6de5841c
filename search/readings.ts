// Readings of Japanese text for search documents (標準化 → ヒョウジュンカ), from the analyser process
// (search/reading-host.ts): started on first use, asked in batches, restarted if it dies, and left to exit
// by itself after a minute without work. Never loaded in this process: its dictionary costs ~350 MB.
//
// Field values repeat (skill names, role names, place names, titles rebuilt on every change), so the readings
// of short texts are remembered here, most recently used first, and a batch asks the process only for the
// texts it has not read yet.
//
// A reading is an extra, never a condition for indexing: when the analyser cannot answer (its dictionary
// missing, the process failing or stuck), read() answers null for those texts, the document is indexed
// without them, and the failure is logged once until readings work again.
import { type ChildProcess, fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ReadingReply, ReadingRequest } from './reading-host'
import type { ReadingWord } from './reading-text'

type Log = (message: string) => void

export interface ReadingAnalyzer {
  /**
   * The readings of the texts, in order (search/reading-text.ts says how they are written); null for a text
   * when the analyser is not available. Never rejects.
   */
  read(texts: readonly string[]): Promise<Array<string | null>>
  /**
   * Each text's words with their readings (search/reading-text.ts wordsOfTokens); null when the analyser is not
   * available. Not remembered: it is asked once per published catalogue. Never rejects.
   */
  words(texts: readonly string[]): Promise<ReadingWord[][] | null>
  /** Stops the analyser process (if running) and waits for it; read() may start it again afterwards. */
  close(): Promise<void>
  /** The analyser process's id while it runs (for tests and diagnostics). */
  readonly pid: number | undefined
}

export interface ReadingAnalyzerOptions {
  /** The process exits after this long without work (ms). */
  idleMs?: number
  /** How many texts' readings are remembered. */
  memoSize?: number
  /** A batch taking longer than this (ms) counts as a failure, and the process is stopped. */
  requestTimeoutMs?: number
  log?: Log
  /** The script to run (tests start a broken one to see failures handled). */
  script?: { file: string; execArgv: string[] }
}

const DEFAULT_IDLE_MS = 60_000
/** Names, titles and skill lists repeat across documents; a few thousand cover the whole catalogue and master data. */
const DEFAULT_MEMO_SIZE = 5_000
/** Longer texts (backgrounds, introductions) are one document's own: remembering them would only cost memory. */
const MEMO_MAX_TEXT_LENGTH = 200
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
/** Loading the dictionary takes ~0.5 s; on a loaded machine allow much more. */
const READY_TIMEOUT_MS = 30_000
/** After a start that failed, readings are not tried again for this long (documents go without them). */
const RETRY_START_AFTER_MS = 30_000
/** Texts per IPC message, so a full rebuild does not send one huge message. */
const BATCH_SIZE = 1_000

/** The host script beside this module: `.ts` under tsx/vitest, `.js` in the bundled build/ (build:server). */
function hostScript(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url)
  const ext = path.extname(here)
  // TypeScript runs through the tsx loader (the parent may be vitest, whose loader is not passed on).
  return {
    file: path.join(path.dirname(here), `reading-host${ext}`),
    execArgv: ext === '.ts' ? ['--import', 'tsx'] : ['--enable-source-maps'],
  }
}

/** The process went away while a batch was in flight: the batch is worth one more try on a new process. */
class AnalyzerGoneError extends Error {}

interface Running {
  child: ChildProcess
  ready: Promise<void>
  pending: Map<number, { resolve: (readings: string[]) => void; reject: (error: Error) => void }>
}

export function createReadingAnalyzer(options: ReadingAnalyzerOptions = {}): ReadingAnalyzer {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS
  const memoSize = options.memoSize ?? DEFAULT_MEMO_SIZE
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const log = options.log ?? ((message: string) => console.warn(`[search] ${message}`))

  // Insertion order is recency: a hit is moved to the end, the first entry is the least recently used.
  const memo = new Map<string, string>()
  let running: Running | null = null
  let nextId = 1
  let startFailedAt = -Infinity
  let failureLogged = false

  const remember = (text: string, reading: string) => {
    if (text.length > MEMO_MAX_TEXT_LENGTH) return
    memo.delete(text)
    memo.set(text, reading)
    if (memo.size > memoSize) memo.delete(memo.keys().next().value!)
  }

  // The app must be able to exit while the process idles: hold the event loop only while a batch is out.
  const holdWhileBusy = (current: Running) => {
    const busy = current.pending.size > 0
    const channel = current.child.channel as { ref?: () => void; unref?: () => void } | undefined
    if (busy) {
      current.child.ref()
      channel?.ref?.()
    } else {
      current.child.unref()
      channel?.unref?.()
    }
  }

  const start = (): Running => {
    const script = options.script ?? hostScript()
    if (!existsSync(script.file)) {
      throw new Error(`読み仮名の解析プロセス ${script.file} が見つかりません（npm run build を実行してください）`)
    }
    const child = fork(script.file, [String(idleMs)], {
      execArgv: script.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const current: Running = { child, ready: Promise.resolve(), pending: new Map() }
    current.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('読み仮名の解析プロセスが起動しませんでした（タイムアウト）'))
        child.kill('SIGKILL')
      }, READY_TIMEOUT_MS)
      child.on('message', (reply: ReadingReply) => {
        if (reply.op === 'ready') {
          clearTimeout(timer)
          resolve()
          return
        }
        if (reply.op === 'start-failed') {
          clearTimeout(timer)
          reject(new Error(`読み仮名の辞書を読み込めませんでした: ${reply.message}`))
          return
        }
        const waiter = current.pending.get(reply.id)
        if (!waiter) return
        current.pending.delete(reply.id)
        holdWhileBusy(current)
        if (reply.op === 'readings') waiter.resolve(reply.readings)
        else waiter.reject(new Error(`読み仮名の解析に失敗しました: ${reply.message}`))
      })
      child.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.on('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`読み仮名の解析プロセスが終了しました (${signal ?? code})`))
        if (running === current) running = null
        const gone = new AnalyzerGoneError(`読み仮名の解析プロセスが終了しました (${signal ?? code})`)
        for (const { reject: rejectBatch } of current.pending.values()) rejectBatch(gone)
        current.pending.clear()
      })
    })
    // A start that fails is reported to the batch that caused it (below), not as an unhandled rejection.
    current.ready.catch(() => {})
    return current
  }

  /** Sends one batch to the process running now (starting it if needed). */
  const ask = async (texts: string[], op: ReadingRequest['op']): Promise<string[]> => {
    if (running === null) {
      if (Date.now() - startFailedAt < RETRY_START_AFTER_MS) throw new Error('読み仮名の解析プロセスは利用できません')
      try {
        running = start()
      } catch (error) {
        startFailedAt = Date.now()
        throw error
      }
    }
    const current = running
    try {
      await current.ready
    } catch (error) {
      startFailedAt = Date.now()
      if (running === current) running = null
      current.child.kill('SIGKILL')
      throw error
    }
    if (!current.child.connected) throw new AnalyzerGoneError('読み仮名の解析プロセスに接続できません')
    const id = nextId++
    const reply = new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('読み仮名の解析が時間内に終わりませんでした'))
        // A stuck process is replaced on the next batch.
        current.pending.delete(id)
        current.child.kill('SIGKILL')
      }, requestTimeoutMs)
      current.pending.set(id, {
        resolve: (readings) => {
          clearTimeout(timer)
          resolve(readings)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
    })
    holdWhileBusy(current)
    current.child.send({ id, op, texts } satisfies ReadingRequest, (error) => {
      if (!error) return
      current.pending.get(id)?.reject(new AnalyzerGoneError(error.message))
      current.pending.delete(id)
    })
    return reply
  }

  /** One batch, tried again once on a new process if the process went away meanwhile (killed, or idle exit). */
  const askWithRetry = async (texts: string[], op: ReadingRequest['op'] = 'read'): Promise<string[]> => {
    try {
      return await ask(texts, op)
    } catch (error) {
      if (!(error instanceof AnalyzerGoneError)) throw error
      return ask(texts, op)
    }
  }

  const logFailure = (error: unknown) => {
    if (failureLogged) return
    failureLogged = true
    log(
      `読み仮名を付けられませんでした（検索文書は読み仮名なしで登録します）: ${error instanceof Error ? error.message : String(error)}`,
    )
  }

  return {
    async read(texts) {
      const readings: Array<string | null> = texts.map(() => null)
      const missing = new Map<string, number[]>()
      texts.forEach((text, index) => {
        const known = memo.get(text)
        if (known !== undefined) {
          remember(text, known)
          readings[index] = known
        } else if (text.trim() === '') {
          readings[index] = ''
        } else {
          missing.set(text, [...(missing.get(text) ?? []), index])
        }
      })
      const unread = [...missing.keys()]
      try {
        for (let i = 0; i < unread.length; i += BATCH_SIZE) {
          const batch = unread.slice(i, i + BATCH_SIZE)
          const answers = await askWithRetry(batch)
          batch.forEach((text, j) => {
            const reading = answers[j] ?? ''
            remember(text, reading)
            for (const index of missing.get(text)!) readings[index] = reading
          })
        }
        failureLogged = false
      } catch (error) {
        logFailure(error)
      }
      return readings
    },
    async words(texts) {
      try {
        const words: ReadingWord[][] = []
        for (let i = 0; i < texts.length; i += BATCH_SIZE) {
          const answers = await askWithRetry(texts.slice(i, i + BATCH_SIZE), 'words')
          for (const answer of answers) {
            words.push(
              answer === ''
                ? []
                : answer.split('\n').map((line) => {
                    const [surface = '', reading = ''] = line.split('\t')
                    return { surface, reading }
                  }),
            )
          }
        }
        failureLogged = false
        return words
      } catch (error) {
        logFailure(error)
        return null
      }
    },
    async close() {
      const current = running
      running = null
      if (!current || current.child.exitCode !== null || current.child.signalCode !== null) return
      // A batch in flight is not retried on a new process: it comes back unread.
      for (const { reject } of current.pending.values()) reject(new Error('読み仮名の解析プロセスを停止しました'))
      current.pending.clear()
      const exited = new Promise<void>((resolve) => current.child.once('exit', () => resolve()))
      current.child.kill('SIGTERM')
      await exited
    },
    get pid() {
      return running?.child.pid
    },
  }
}

let shared: ReadingAnalyzer | null = null

/** The process-wide analyser that document builds use (search/registry.ts). */
export function sharedReadingAnalyzer(): ReadingAnalyzer {
  return (shared ??= createReadingAnalyzer())
}
