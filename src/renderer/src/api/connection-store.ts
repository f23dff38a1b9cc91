/** Whether the renderer can reach the engine, readable by React through useSyncExternalStore. */
export type ConnectionState = 'open' | 'closed'

let state: ConnectionState = 'closed'
const listeners = new Set<() => void>()

export const connectionStore = {
  set(next: ConnectionState): void {
    if (next === state) return
    state = next
    for (const l of listeners) l()
  },
  get: (): ConnectionState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  },
}
