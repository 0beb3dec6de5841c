import { describe, expect, it } from 'vitest'
import { attachmentDisposition, csvDownload, fileDownload } from './download'

const name = { filename: '人材プール_広島県_20261201.csv', asciiFilename: 'pool-34-20261201.csv' }

async function bytes(response: Response): Promise<number[]> {
  return [...new Uint8Array(await response.arrayBuffer())]
}

describe('attachmentDisposition', () => {
  it('encodes the Japanese name per RFC 5987 with an ASCII fallback', () => {
    expect(attachmentDisposition('監査ログ_20250401.csv', 'audit-log-20250401.csv')).toBe(
      `attachment; filename="audit-log-20250401.csv"; filename*=UTF-8''%E7%9B%A3%E6%9F%BB%E3%83%AD%E3%82%B0_20250401.csv`,
    )
    expect(attachmentDisposition("it's (1).csv", 'a"b\\c日.csv')).toBe(
      `attachment; filename="a_b_c_.csv"; filename*=UTF-8''it%27s%20%281%29.csv`,
    )
  })
})

describe('csvDownload', () => {
  it('writes rows as CSV for Excel: the UTF-8 BOM first, CRLF line ends', async () => {
    const response = csvDownload(name, [
      ['氏名', '状態'],
      ['山田 一郎', '=登録'],
    ])
    expect(response.status).toBe(200)
    const body = await bytes(response)
    expect(body.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(new Uint8Array(body))).toBe("氏名,状態\r\n山田 一郎,'=登録\r\n")
  })

  it('sends the CSV content type, the Japanese file name (RFC 5987) and no-store by default', () => {
    const response = csvDownload(name, [['a']])
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="pool-34-20261201.csv"; filename*=UTF-8''%E4%BA%BA%E6%9D%90%E3%83%97%E3%83%BC%E3%83%AB_%E5%BA%83%E5%B3%B6%E7%9C%8C_20261201.csv`,
    )
    expect(decodeURIComponent(response.headers.get('Content-Disposition')!.split("UTF-8''")[1]!)).toBe(name.filename)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  })

  it('adds the BOM to a document written without one, and never a second one', async () => {
    expect((await bytes(csvDownload(name, 'a,b\r\n'))).slice(0, 4)).toEqual([0xef, 0xbb, 0xbf, 0x61])
    expect((await bytes(csvDownload(name, '\uFEFFa,b\r\n'))).slice(0, 4)).toEqual([0xef, 0xbb, 0xbf, 0x61])
  })

  it('takes the caching rule and extra headers of the route', () => {
    const response = csvDownload(name, [['a']], {
      cacheControl: 'public, max-age=86400',
      headers: { 'X-Audit-Row-Count': '1' },
    })
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=86400')
    expect(response.headers.get('X-Audit-Row-Count')).toBe('1')
  })
})

describe('fileDownload', () => {
  it('sends any body with its content type and the same name and cache headers', async () => {
    const response = fileDownload(
      { filename: 'マイデータ_20261201.json', asciiFilename: 'my-data-20261201.json' },
      '{"a":1}',
      'application/json; charset=utf-8',
      { cacheControl: 'no-store' },
    )
    expect(await response.text()).toBe('{"a":1}')
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toContain(`filename="my-data-20261201.json"`)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
  })
})
