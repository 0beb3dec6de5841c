// Messages between the app and the embedded database's process on their query lane: a plain pipe (fd 4 of
// the database process) carrying length-prefixed structured-clone frames. Node's IPC channel does the same job
// with more machinery around each message (measured on 2 cores: a round trip with one row 241 µs over IPC,
// 136 µs over the lane; docs/BENCHMARKS.md), and every statement crosses it twice. The IPC channel stays for
// what is not a query: start-up, notifications and the end of the app.
//
// Imports nothing of ours: it is bundled into the database's own process (build/pglite-host.js).
import type { Readable, Writable } from 'node:stream'
import v8 from 'node:v8'

/** The file descriptor of the query lane in the database's process (after stdin, stdout, stderr and IPC). */
export const QUERY_LANE_FD = 4

/**
 * Writes one message as a frame: its length (4 bytes, little-endian), then its structured-clone bytes.
 * `written` is called once the frame has been handed to the operating system.
 */
export function writeFrame(stream: Writable, message: unknown, written?: () => void): void {
  const body = v8.serialize(message)
  const header = Buffer.allocUnsafe(4)
  header.writeUInt32LE(body.length, 0)
  stream.write(Buffer.concat([header, body]), written && (() => written()))
}

/** Calls `onMessage` for each whole frame read from `stream`, in order. */
export function readFrames(stream: Readable, onMessage: (message: unknown) => void): void {
  let chunks: Buffer[] = []
  let buffered = 0
  stream.on('data', (chunk: Buffer) => {
    chunks.push(chunk)
    buffered += chunk.length
    for (;;) {
      if (buffered < 4) return
      if (chunks[0]!.length < 4) chunks = [Buffer.concat(chunks, buffered)]
      const length = chunks[0]!.readUInt32LE(0)
      // A large answer arrives in many pieces: they are joined once, when the whole frame is there.
      if (buffered < 4 + length) return
      const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered)
      const message: unknown = v8.deserialize(data.subarray(4, 4 + length))
      const rest = data.subarray(4 + length)
      chunks = rest.length > 0 ? [rest] : []
      buffered = rest.length
      onMessage(message)
    }
  })
}
