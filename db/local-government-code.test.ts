import { describe, expect, it } from 'vitest'
import { loadLocalGovernmentRows } from '../seeds/local-governments'
import { checkDigitOf, isValidLocalGovernmentCode, prefectureCodeOf } from './local-government-code'

describe('全国地方公共団体コード', () => {
  it('computes the published check digits of known bodies', () => {
    expect(checkDigitOf('01000')).toBe(6) // 北海道 010006
    expect(checkDigitOf('01100')).toBe(2) // 札幌市 011002
    expect(checkDigitOf('13101')).toBe(6) // 千代田区 131016
    expect(checkDigitOf('47000')).toBe(7) // 沖縄県 470007
  })

  it('accepts every code of the master list and rejects each with a wrong check digit', () => {
    const rows = loadLocalGovernmentRows()
    expect(rows.length).toBe(47 + 1747)
    for (const { code } of rows) {
      expect(isValidLocalGovernmentCode(code), code).toBe(true)
      const wrong = `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`
      expect(isValidLocalGovernmentCode(wrong), wrong).toBe(false)
    }
  })

  it('rejects malformed input', () => {
    for (const bad of ['', '01100', '0110022', '01100a', '０１１００２', ' 011002']) {
      expect(isValidLocalGovernmentCode(bad), JSON.stringify(bad)).toBe(false)
    }
    expect(prefectureCodeOf('011002')).toBe('01')
  })
})
