import { describe, expect, it } from 'vitest'
import { parseVersionParam } from './params'

const parse = (query: string) => parseVersionParam(new URLSearchParams(query))

async function refusal(query: string) {
  try {
    parse(query)
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: await error.text() }
    throw error
  }
  throw new Error(`expected ${query} to be refused`)
}

describe('parseVersionParam', () => {
  it('reads a positive integer, spaces around it allowed', () => {
    expect(parse('version=1')).toBe(1)
    expect(parse('version=%2012%20')).toBe(12)
  })

  it('treats an absent or empty version as the current one', () => {
    expect(parse('')).toBeUndefined()
    expect(parse('version=')).toBeUndefined()
    expect(parse('version=%20')).toBeUndefined()
  })

  it('refuses anything else with a 400 in Japanese', async () => {
    for (const bad of ['abc', '0', '-1', '1.5', '1e3x', '999999999']) {
      expect(await refusal(`version=${bad}`), bad).toEqual({
        status: 400,
        text: '版の指定（version）は1以上の整数にしてください（例: ?version=1）。',
      })
    }
  })
})
