// The key of a text whose reading is kept (db/queries/profile-index.ts, profile_search_reading): a hash of the
// text and of the way readings are written (./reading-text.ts READING_FORMAT), so a reading is reused only for
// the very text it was made from, and only while readings are still written the same way.
import { createHash } from 'node:crypto'
import { READING_FORMAT } from './reading-text'

export function readingSourceKey(text: string): string {
  return createHash('sha256').update(`${READING_FORMAT}\n${text}`).digest('base64url').slice(0, 22)
}
