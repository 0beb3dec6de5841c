import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'

export default function Index() {
  return (
    <div className="page">
      <h1>自治体DXアクセラレータ500 プラットフォーム</h1>
      <p className="lead">
        総務省とデジタル庁は、デジタル分野の実務経験・スキルを持つ人材500名を「自治体DXアクセラレータ」として任命し、
        各都道府県が構築する人材プールを通じて管内市町村のDXを支援します。このサイトでは、スキル標準、都道府県の人材プール、
        市町村のニーズ（ジョブディスクリプション）、アクセラレータの任命と財政措置をまとめて管理します。
      </p>
      <h2>いま使える機能</h2>
      <ul>
        <li>
          <Link to="/local-governments">自治体をさがす</Link> — 47都道府県と1,741市区町村を名前や読みで検索できます。
        </li>
      </ul>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'トップ | 自治体DXアクセラレータ500 プラットフォーム' }]
