// Heap snapshots of the running server, for the memory phase of `npm run bench:http -- --heap-snapshots DIR`:
// the server runs with `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=DIR`, so a signal makes it write a
// snapshot (after a full garbage collection) without any code of ours in the server. `summarizeHeap` reads one
// and totals the live heap by what holds it (constructor or node type), so two snapshots show what grew.
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'

/** Sends SIGUSR2 and waits until a new, complete snapshot file appears in `dir`. */
export async function takeHeapSnapshot(pid: number, dir: string): Promise<string> {
  const before = new Set(await readdir(dir))
  process.kill(pid, 'SIGUSR2')
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    const created = (await readdir(dir)).filter((f) => f.endsWith('.heapsnapshot') && !before.has(f))
    if (created.length > 0) {
      const file = path.join(dir, created[0]!)
      // Written in one go by the server; done when its size stops changing.
      let size = -1
      for (;;) {
        const now = (await stat(file)).size
        if (now === size && now > 0) return file
        size = now
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
    }
  }
  throw new Error(`no heap snapshot appeared in ${dir}`)
}

export interface HeapSummary {
  /** Sum of every node's self size: the live JS heap after the collection the snapshot starts with. */
  totalMb: number
  nodes: number
  /** Self size per holder ("Object", "(string)", "Array", a class name …), bytes. */
  byHolder: Map<string, { bytes: number; count: number }>
}

export async function summarizeHeap(file: string): Promise<HeapSummary> {
  const snapshot = JSON.parse(await readFile(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }
    nodes: number[]
    strings: string[]
  }
  const fields = snapshot.snapshot.meta.node_fields
  const types = snapshot.snapshot.meta.node_types[0]
  const width = fields.length
  const typeAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const byHolder = new Map<string, { bytes: number; count: number }>()
  let total = 0
  const { nodes, strings } = snapshot
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]!]!
    const size = nodes[i + sizeAt]!
    total += size
    // Objects by constructor name; everything else (strings, code, arrays' backing stores …) by node type.
    const holder = type === 'object' ? strings[nodes[i + nameAt]!]! : `(${type})`
    const entry = byHolder.get(holder)
    if (entry) {
      entry.bytes += size
      entry.count++
    } else byHolder.set(holder, { bytes: size, count: 1 })
  }
  return { totalMb: Math.round((total / 1024 / 1024) * 10) / 10, nodes: nodes.length / width, byHolder }
}

/** The holders that grew most between two snapshots, largest growth first. */
export function heapGrowth(before: HeapSummary, after: HeapSummary, top = 10) {
  const rows: Array<{ holder: string; kb: number; count: number }> = []
  for (const [holder, now] of after.byHolder) {
    const then = before.byHolder.get(holder) ?? { bytes: 0, count: 0 }
    rows.push({ holder, kb: Math.round((now.bytes - then.bytes) / 1024), count: now.count - then.count })
  }
  return rows.sort((a, b) => b.kb - a.kb).slice(0, top)
}
