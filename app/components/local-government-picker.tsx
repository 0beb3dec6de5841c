// The local-government picker: an accessible combobox (WAI-ARIA 1.2 pattern) over Meilisearch, used by
// the search page now and by needs, pools and placements later. In a form it submits the chosen code in a
// hidden input named `name`; `onSelect` lets a page act on the choice instead (e.g. navigate).
import { useEffect, useId, useRef, useState } from 'react'
import type { LocalGovernmentOption } from '~/models/local-government.server'

type Suggestions =
  | { status: 'ok'; options: LocalGovernmentOption[]; total: number }
  | { status: 'search-unavailable' | 'invalid'; message: string; options: [] }

export interface LocalGovernmentPickerProps {
  label: string
  /** Form field for the chosen code (hidden input). Omit when using onSelect only. */
  name?: string
  /** The text input's own name, e.g. `q` to make it a search box too. */
  inputName?: string
  defaultValue?: { code: string; name: string }
  defaultQuery?: string
  /** Restrict to one prefecture (JIS 2-digit code), e.g. a prefecture's own municipalities. */
  prefectureCode?: string
  kinds?: string[]
  placeholder?: string
  description?: string
  errorMessage?: string
  onSelect?: (option: LocalGovernmentOption) => void
}

/**
 * Loads suggestions with fetch, not a Remix fetcher: the JSON route answers 400/503 with a message the
 * picker shows, and a fetcher would hand a non-2xx answer to the page's error boundary instead. The newest
 * request wins (older ones are aborted).
 */
function useSuggestions() {
  const [data, setData] = useState<Suggestions | undefined>(undefined)
  const [loading, setLoading] = useState(false)
  const controller = useRef<AbortController | undefined>(undefined)
  useEffect(() => () => controller.current?.abort(), [])
  async function load(url: string) {
    controller.current?.abort()
    const current = new AbortController()
    controller.current = current
    setLoading(true)
    try {
      const response = await fetch(url, { signal: current.signal, headers: { Accept: 'application/json' } })
      setData((await response.json()) as Suggestions)
    } catch (error) {
      if (current.signal.aborted) return
      setData({
        status: 'search-unavailable',
        message: '候補を読み込めませんでした。通信状態を確かめて、もう一度入力してください。',
        options: [],
      })
      console.error(error)
    } finally {
      if (controller.current === current) setLoading(false)
    }
  }
  return { data, loading, load }
}

export function LocalGovernmentPicker(props: LocalGovernmentPickerProps) {
  const id = useId()
  const inputId = `${id}-input`
  const listId = `${id}-list`
  const descriptionId = props.description ? `${id}-description` : undefined
  const errorId = props.errorMessage ? `${id}-error` : undefined
  const statusId = `${id}-status`
  const fetcher = useSuggestions()
  const [query, setQuery] = useState(props.defaultValue?.name ?? props.defaultQuery ?? '')
  const [selected, setSelected] = useState(props.defaultValue)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const options = fetcher.data?.options ?? []

  useEffect(() => () => clearTimeout(debounce.current), [])

  function load(text: string) {
    clearTimeout(debounce.current)
    if (!text.trim()) {
      setOpen(false)
      return
    }
    debounce.current = setTimeout(() => {
      const params = new URLSearchParams({ q: text })
      if (props.prefectureCode) params.set('pref', props.prefectureCode)
      for (const kind of props.kinds ?? []) params.append('kind', kind)
      void fetcher.load(`/resources/local-governments?${params.toString()}`)
      setOpen(true)
      setActive(-1)
    }, 150)
  }

  function choose(option: LocalGovernmentOption) {
    setSelected({ code: option.code, name: option.name })
    setQuery(option.name)
    setOpen(false)
    props.onSelect?.(option)
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && options.length > 0) {
      event.preventDefault()
      setOpen(true)
      setActive((i) => (i + 1) % options.length)
    } else if (event.key === 'ArrowUp' && options.length > 0) {
      event.preventDefault()
      setActive((i) => (i <= 0 ? options.length - 1 : i - 1))
    } else if (event.key === 'Enter' && open && active >= 0 && options[active]) {
      event.preventDefault()
      choose(options[active])
    } else if (event.key === 'Escape') {
      setOpen(false)
    }
  }

  const statusText = fetcher.loading
    ? '検索中…'
    : fetcher.data && fetcher.data.status !== 'ok'
      ? fetcher.data.message
      : open && fetcher.data
        ? options.length === 0
          ? '該当する自治体はありません'
          : `${fetcher.data.status === 'ok' ? fetcher.data.total : options.length}件の候補があります。上下キーで選べます。`
        : ''

  return (
    <div className="field picker">
      <label htmlFor={inputId}>{props.label}</label>
      {props.description ? (
        <p id={descriptionId} className="field-description">
          {props.description}
        </p>
      ) : null}
      <input
        id={inputId}
        type="search"
        name={props.inputName}
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={props.errorMessage ? true : undefined}
        aria-describedby={[descriptionId, errorId, statusId].filter(Boolean).join(' ')}
        placeholder={props.placeholder}
        maxLength={100}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setSelected(undefined)
          load(event.target.value)
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => options.length > 0 && setOpen(true)}
      />
      {props.name ? <input type="hidden" name={props.name} value={selected?.code ?? ''} /> : null}
      <ul
        id={listId}
        role="listbox"
        aria-label={`${props.label}の候補`}
        className="picker__list"
        hidden={!open || options.length === 0}
      >
        {options.map((option, index) => (
          <li
            key={option.code}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className="picker__option"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
          >
            <span className="picker__name">{option.name}</span>
            <span className="picker__meta">
              {option.prefectureName ? `${option.prefectureName}・` : ''}
              {option.kindLabel}・{option.nameKana}
            </span>
          </li>
        ))}
      </ul>
      <p id={statusId} className="visually-hidden" role="status" aria-live="polite">
        {statusText}
      </p>
      {props.errorMessage ? (
        <p id={errorId} className="field-error">
          {props.errorMessage}
        </p>
      ) : null}
    </div>
  )
}
