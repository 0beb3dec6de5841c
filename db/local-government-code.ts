// 全国地方公共団体コード: 2-digit prefecture (JIS X 0401) + 3-digit municipality (JIS X 0402) + check digit.
// It lives beside the schema because it is the key's own rule (like a CHECK constraint); pure, client-safe.

/** The check digit of a 5-digit code: weights 6,5,4,3,2; 11 minus (sum mod 11), last digit. */
export function checkDigitOf(fiveDigits: string): number {
  const weights = [6, 5, 4, 3, 2]
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(fiveDigits[i]), 0)
  return (11 - (sum % 11)) % 10
}

export function isValidLocalGovernmentCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code) && checkDigitOf(code.slice(0, 5)) === Number(code[5])
}

export function prefectureCodeOf(code: string): string {
  return code.slice(0, 2)
}
