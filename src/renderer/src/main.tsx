import { StrictMode, useSyncExternalStore } from 'react'
import { createRoot } from 'react-dom/client'
import type { RadarApi } from '../../shared/api'
import { connectionStore } from './api/connection-store'
import { pickApi } from './api/pick-api'
import { App } from './app'
import './styles.css'

const { api } = pickApi((state) => connectionStore.set(state))

function Root({ api }: { api: RadarApi }) {
  const connection = useSyncExternalStore(connectionStore.subscribe, connectionStore.get)
  return <App api={api} connected={connection === 'open'} />
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Root api={api} />
  </StrictMode>,
)
