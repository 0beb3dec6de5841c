// The reading analyser's own process: kuromoji (a Japanese morphological analyser) with its IPADIC
// dictionary, answering batches of texts with their readings over Node's IPC channel (search/readings.ts is
// the other end, and starts this process on first use).
//
// Why a process of its own: loading the dictionary takes ~0.5 s and ~350 MB of RSS, which would not fit the
// app's 400 MB budget, and readings are needed only while documents are being indexed. So this process is
// started when a batch of documents needs readings and exits after IDLE_MS without work; it also exits
// when the app goes away (its IPC channel closes), so it never outlives it.
//
// It imports kuromoji and the pure ./reading-text.ts (with ./normalize.ts) only: it is bundled on its own
// into build/reading-host.js (package.json, build:server).
import { createRequire } from 'node:module'
import path from 'node:path'
import kuromoji from 'kuromoji'
import { readingOfTokens, wordsOfTokens } from './reading-text'

/**
 * 'read': each text's reading (reading-text.ts readingOfTokens). 'words': each text's words with their
 * readings (wordsOfTokens), one `surface<TAB>reading` line per word.
 */
export type ReadingRequest = { id: number; op: 'read' | 'words'; texts: string[] }

export type ReadingReply =
  | { op: 'ready'; pid: number }
  | { op: 'start-failed'; message: string }
  | { id: number; op: 'readings'; readings: string[] }
  | { id: number; op: 'error'; message: string }

/** Without work for this long (ms, the first argument overrides it), the process exits; the app starts it again. */
const DEFAULT_IDLE_MS = 60_000

/** The dictionary shipped in the kuromoji package (node_modules/kuromoji/dict), from source and from build/. */
function dictionaryPath(): string {
  const require = createRequire(import.meta.url)
  return path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict')
}

function buildTokenizer(): Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>> {
  return new Promise((resolve, reject) =>
    kuromoji
      .builder({ dicPath: dictionaryPath() })
      .build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer))),
  )
}

async function main() {
  const send = (reply: ReadingReply) => process.send?.(reply)
  if (!process.send) {
    console.error('reading-host: started without an IPC channel')
    process.exit(2)
  }
  const idleMs = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : DEFAULT_IDLE_MS

  let idleTimer: NodeJS.Timeout | undefined
  const armIdleTimer = () => {
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => process.exit(0), idleMs)
  }
  // The app went away (stopped, crashed or killed): nothing to flush, just go.
  process.on('disconnect', () => process.exit(0))
  // Belt and braces: if the channel's end is missed, a change of parent (re-parented to init) says the same.
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0)
  }, 1000).unref()

  let tokenizer: kuromoji.Tokenizer<kuromoji.IpadicFeatures>
  try {
    tokenizer = await buildTokenizer()
  } catch (error) {
    send({ op: 'start-failed', message: error instanceof Error ? error.message : String(error) })
    process.exit(1)
  }

  process.on('message', (request: ReadingRequest) => {
    armIdleTimer()
    if (request.op !== 'read' && request.op !== 'words') return
    try {
      // Width first, as for document text (normalize.ts foldForSearch): ｾｷｽﾍﾟ is read as セキスペ.
      const tokensOf = (text: string) => tokenizer.tokenize(text.normalize('NFKC'))
      send({
        id: request.id,
        op: 'readings',
        readings: request.texts.map((text) =>
          request.op === 'read'
            ? readingOfTokens(tokensOf(text))
            : wordsOfTokens(tokensOf(text))
                .map((word) => `${word.surface}\t${word.reading}`)
                .join('\n'),
        ),
      })
    } catch (error) {
      send({ id: request.id, op: 'error', message: error instanceof Error ? error.message : String(error) })
    }
  })

  armIdleTimer()
  send({ op: 'ready', pid: process.pid })
}

void main()
