// The query lane's frames (db/pglite-frames.ts): every message arrives whole, once and in order, however the
// pipe cuts the bytes, and values keep their types (dates, bytes, nested objects) as on the IPC channel.
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readFrames, writeFrame } from './pglite-frames'

function framesOf(messages: unknown[]): Buffer {
  const sink = new PassThrough()
  const parts: Buffer[] = []
  sink.on('data', (chunk: Buffer) => parts.push(chunk))
  for (const message of messages) writeFrame(sink, message)
  return Buffer.concat(parts)
}

function readAll(bytes: Buffer, cut: (length: number) => number[]): unknown[] {
  const source = new PassThrough()
  const read: unknown[] = []
  readFrames(source, (message) => read.push(message))
  let offset = 0
  for (const size of cut(bytes.length)) {
    source.emit('data', bytes.subarray(offset, offset + size))
    offset += size
  }
  return read
}

const messages = [
  {
    id: 1,
    op: 'query',
    sql: 'select $1, $2',
    params: [new Date('2026-12-02T03:04:05.678Z'), new Uint8Array([0, 255])],
  },
  { id: 2, op: 'result', rows: [{ name: '広島県', data: { nested: ['a', 1, null] }, tags: ['x'] }], affectedRows: 1 },
  { id: 3, op: 'error', error: { name: 'error', message: '重複しています', code: '23505', constraint: 'u' } },
  // Larger than one read of a pipe (64 KiB), so it arrives in pieces.
  { id: 4, op: 'result', rows: Array.from({ length: 2000 }, (_, i) => ({ i, text: 'あ'.repeat(20) })) },
]

describe('query lane frames', () => {
  it('reads back every message with its types, whole and in order, from one chunk', () => {
    const read = readAll(framesOf(messages), (length) => [length])
    expect(read).toEqual(messages)
    expect((read[0] as { params: unknown[] }).params[0]).toBeInstanceOf(Date)
    expect((read[0] as { params: unknown[] }).params[1]).toBeInstanceOf(Uint8Array)
  })

  it('reads the same however the bytes are cut: one byte at a time, across headers, in uneven pieces', () => {
    const bytes = framesOf(messages)
    expect(readAll(bytes, (length) => Array.from({ length }, () => 1))).toEqual(messages)
    expect(readAll(bytes, (length) => [2, 3, length - 5])).toEqual(messages)
    const uneven: number[] = []
    for (let left = bytes.length, i = 0; left > 0; i++) {
      const size = Math.min(left, [7, 4096, 3, 65536, 1][i % 5]!)
      uneven.push(size)
      left -= size
    }
    expect(readAll(bytes, () => uneven)).toEqual(messages)
  })

  it('waits for the rest of a frame and delivers nothing twice', () => {
    const bytes = framesOf([messages[1]])
    expect(readAll(bytes, (length) => [length - 1])).toEqual([])
    expect(readAll(bytes, (length) => [length - 1, 1])).toEqual([messages[1]])
  })
})
