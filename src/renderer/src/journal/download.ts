/** Saves text as a file through the browser's download (works in Electron's renderer as well). */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The download has taken the data by the next tick; the object URL only holds memory after that.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
