// Japan's 47 prefectures as a tile-grid map (app/utils/prefecture-tiles.ts), drawn on the server as SVG: each tile
// coloured by its progress band and carrying its name and count as text (colour is never the only cue), a <title>
// per tile, and a legend. Prefectures outside the viewer's data are drawn as outlines without a number. The table
// beside it carries the same figures for anyone who does not read the picture.
import { PREFECTURE_TILE_COLUMNS, PREFECTURE_TILE_ROWS, PREFECTURE_TILES } from '~/utils/prefecture-tiles'
import { PROGRESS_BAND_LABELS, type ProgressBand } from '~/utils/programme-targets'

export interface TileValue {
  code: string
  appointed: number
  band: ProgressBand
}

const SIZE = 44
const GAP = 4
const CELL = SIZE + GAP

export function PrefectureTileMap({
  values,
  highlight,
  title,
  id,
}: {
  /** The prefectures the viewer has figures for (all 47 for the nation, one in a prefecture's slice). */
  values: readonly TileValue[]
  highlight: string | null
  title: string
  id: string
}) {
  const byCode = new Map(values.map((v) => [v.code, v]))
  const width = PREFECTURE_TILE_COLUMNS * CELL
  const height = PREFECTURE_TILE_ROWS * CELL
  return (
    <figure className="tile-map">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        className="tile-map__svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{title}</title>
        {PREFECTURE_TILES.map((tile) => {
          const value = byCode.get(tile.code)
          const classes = ['tile-map__tile', value ? `tile-map__tile--${value.band}` : 'tile-map__tile--outside']
          if (tile.code === highlight) classes.push('tile-map__tile--highlight')
          const cx = tile.x * CELL + SIZE / 2
          return (
            <g key={tile.code} className={classes.join(' ')} data-code={tile.code}>
              <title>
                {value
                  ? `${tile.name}: ${value.appointed}名（${PROGRESS_BAND_LABELS[value.band]}）`
                  : `${tile.name}（表示の対象外）`}
              </title>
              <rect x={tile.x * CELL} y={tile.y * CELL} width={SIZE} height={SIZE} rx={4} />
              <text x={cx} y={tile.y * CELL + (value ? 18 : 27)} textAnchor="middle" className="tile-map__name">
                {tile.short}
              </text>
              {value ? (
                <text x={cx} y={tile.y * CELL + 36} textAnchor="middle" className="tile-map__count">
                  {value.appointed}
                </text>
              ) : null}
            </g>
          )
        })}
      </svg>
      <figcaption>
        <ul className="tile-map__legend" aria-label="色の凡例">
          {(Object.keys(PROGRESS_BAND_LABELS) as ProgressBand[]).map((band) => (
            <li key={band}>
              <span className={`tile-map__swatch tile-map__tile--${band}`} aria-hidden="true" />
              {PROGRESS_BAND_LABELS[band]}
            </li>
          ))}
        </ul>
        <p className="tile-map__note">
          各都道府県を同じ大きさの四角で、おおよその位置に並べた地図です。数字は任命中のアクセラレータ数です。
        </p>
      </figcaption>
    </figure>
  )
}
