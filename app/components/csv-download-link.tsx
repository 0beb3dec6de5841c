// The link to a list's CSV (UTF-8 with BOM, opens in Excel), said the same way on every list.

export function CsvDownloadLink({ href }: { href: string }) {
  return (
    <p>
      <a href={href} download>
        CSVでダウンロード（Excel対応）
      </a>
    </p>
  )
}
