// The <title> of every page: the page, then the sections it sits in, then the site's name.

export const SITE_TITLE = '自治体DXアクセラレータ500 プラットフォーム'

/** 「基本情報 | プロフィール | 自治体DXアクセラレータ500 プラットフォーム」 from ('基本情報', 'プロフィール'). */
export function pageTitle(...parts: string[]): string {
  return [...parts, SITE_TITLE].join(' | ')
}
