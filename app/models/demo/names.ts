// Fictional people for the demo data: a family name and a given name from fixed lists, combined by the seeded
// generator (random.ts). The lists leave out the family names of the hand-made demo candidates
// (demo-candidates.server.ts) and of the people the browser tests sign up (山田 一郎, 高橋 直子, 招待 花子, …),
// so a page that looks one of them up by name finds exactly one.
import type { Rng } from './random'

export const DEMO_FAMILY_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['青木', 'あおき'],
  ['秋山', 'あきやま'],
  ['浅野', 'あさの'],
  ['天野', 'あまの'],
  ['荒木', 'あらき'],
  ['石川', 'いしかわ'],
  ['石田', 'いしだ'],
  ['今井', 'いまい'],
  ['上田', 'うえだ'],
  ['内田', 'うちだ'],
  ['大西', 'おおにし'],
  ['大野', 'おおの'],
  ['岡本', 'おかもと'],
  ['小野', 'おの'],
  ['片山', 'かたやま'],
  ['金子', 'かねこ'],
  ['川口', 'かわぐち'],
  ['菊地', 'きくち'],
  ['北村', 'きたむら'],
  ['久保', 'くぼ'],
  ['小池', 'こいけ'],
  ['坂本', 'さかもと'],
  ['桜井', 'さくらい'],
  ['柴田', 'しばた'],
  ['杉山', 'すぎやま'],
  ['関口', 'せきぐち'],
  ['高野', 'たかの'],
  ['武田', 'たけだ'],
  ['千葉', 'ちば'],
  ['辻', 'つじ'],
  ['土屋', 'つちや'],
  ['中川', 'なかがわ'],
  ['永井', 'ながい'],
  ['西田', 'にしだ'],
  ['野口', 'のぐち'],
  ['橋本', 'はしもと'],
  ['服部', 'はっとり'],
  ['原田', 'はらだ'],
  ['平野', 'ひらの'],
  ['藤井', 'ふじい'],
  ['星野', 'ほしの'],
  ['前田', 'まえだ'],
  ['松尾', 'まつお'],
  ['丸山', 'まるやま'],
  ['三浦', 'みうら'],
  ['宮本', 'みやもと'],
  ['村上', 'むらかみ'],
  ['森田', 'もりた'],
  ['安田', 'やすだ'],
  ['横山', 'よこやま'],
]

export const DEMO_GIVEN_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['葵', 'あおい'],
  ['明日香', 'あすか'],
  ['彩花', 'あやか'],
  ['一輝', 'かずき'],
  ['和也', 'かずや'],
  ['奏', 'かなで'],
  ['健太', 'けんた'],
  ['光', 'ひかる'],
  ['浩二', 'こうじ'],
  ['早紀', 'さき'],
  ['聡', 'さとし'],
  ['沙織', 'さおり'],
  ['茂', 'しげる'],
  ['俊介', 'しゅんすけ'],
  ['翔太', 'しょうた'],
  ['真一', 'しんいち'],
  ['千尋', 'ちひろ'],
  ['大和', 'やまと'],
  ['拓海', 'たくみ'],
  ['環', 'たまき'],
  ['恒夫', 'つねお'],
  ['智子', 'ともこ'],
  ['直樹', 'なおき'],
  ['菜々子', 'ななこ'],
  ['典子', 'のりこ'],
  ['遥', 'はるか'],
  ['陽介', 'ようすけ'],
  ['英樹', 'ひでき'],
  ['麻衣', 'まい'],
  ['誠', 'まこと'],
  ['正人', 'まさと'],
  ['真由美', 'まゆみ'],
  ['美穂', 'みほ'],
  ['恵', 'めぐみ'],
  ['康弘', 'やすひろ'],
  ['裕子', 'ゆうこ'],
  ['由香', 'ゆか'],
  ['洋平', 'ようへい'],
  ['理沙', 'りさ'],
  ['涼', 'りょう'],
]

export interface DemoName {
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
}

/** A fictional name from the lists. */
export function demoName(rng: Rng): DemoName {
  const [familyName, familyNameKana] = rng.pick(DEMO_FAMILY_NAMES)
  const [givenName, givenNameKana] = rng.pick(DEMO_GIVEN_NAMES)
  return { familyName, givenName, familyNameKana, givenNameKana }
}

export const fullName = (name: DemoName) => `${name.familyName} ${name.givenName}`
export const fullKana = (name: DemoName) => `${name.familyNameKana} ${name.givenNameKana}`
