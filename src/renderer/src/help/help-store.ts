/** Which methodology section the help drawer shows (null = closed), readable via useSyncExternalStore. */
let anchor: string | null = null
const listeners = new Set<() => void>()

export const helpStore = {
  open(section: string): void {
    anchor = section
    for (const l of listeners) l()
  },
  close(): void {
    anchor = null
    for (const l of listeners) l()
  },
  get: (): string | null => anchor,
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  },
}
