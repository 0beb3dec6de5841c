// No English message reaches a user: every form schema, fed wrong types, empty values and oversized text,
// answers each failure in Japanese (zod's Japanese locale is configured once, in ./zod-locale).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as account from './account-validation'
import * as funding from './funding-query'
import * as fundingRule from './funding-rule-forms'
import * as need from './need-validation'
import * as partner from './partner-company-validation'
import * as placement from './placement-validation'
import * as profile from './profile-validation'
import * as skillStandard from './skill-standard-forms'
import './zod-locale'

const modules = { account, funding, fundingRule, need, partner, placement, profile, skillStandard }
const schemas = Object.entries(modules).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ name: `${module}.${name}`, schema })),
)
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/

/** Values that break a field in every way a form can: wrong type, empty, absurdly long, hostile. */
const hostileValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('x'.repeat(20_000)),
  fc.constant('\u0000'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constant({}),
)

describe('form messages are Japanese', () => {
  it('finds the form schemas', () => {
    expect(schemas.length).toBeGreaterThanOrEqual(20)
  })

  it.each(schemas)('$name: every failure message is Japanese', ({ schema }) => {
    const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
    const englishOnly = new Set<string>()
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...(shape.length > 0 ? shape : ['value'])), hostileValue),
        hostileValue,
        (fields, whole) => {
          for (const input of [fields, whole]) {
            const result = schema.safeParse(input)
            if (result.success) continue
            for (const issue of result.error.issues)
              if (!JAPANESE.test(issue.message)) englishOnly.add(`${issue.path.join('.')}: ${issue.message}`)
          }
        },
      ),
      { numRuns: 150, seed: 20261130 },
    )
    expect([...englishOnly]).toEqual([])
  })
})
