import { describe, expect, it } from 'vitest'
import { safeRedirect } from './redirect'

describe('safeRedirect', () => {
  it('keeps same-site paths with their query and hash', () => {
    expect(safeRedirect('/admin/users?page=2#top')).toBe('/admin/users?page=2#top')
    expect(safeRedirect('/local-governments?q=%E3%81%95')).toBe('/local-governments?q=%E3%81%95')
  })

  it('refuses every way out of the site', () => {
    for (const evil of [
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/\t/evil.example',
      ' //evil.example',
      'evil.example',
      '',
    ]) {
      expect(safeRedirect(evil, '/account'), JSON.stringify(evil)).toBe('/account')
    }
    expect(safeRedirect(null)).toBe('/')
  })
})
