import type { ConnectorVenue } from '../url-override'
import { binance } from './binance'
import { binanceusdm } from './binanceusdm'
import { bybit } from './bybit'
import { okx } from './okx'
import type { VenueAdapter } from './venue-adapter'

const ADAPTERS: Record<ConnectorVenue, VenueAdapter> = { binanceusdm, binance, bybit, okx }

/** The adapter that knows one venue's streams, funding intervals, pollers, history and book checks. */
export function adapterFor(venue: ConnectorVenue): VenueAdapter {
  return ADAPTERS[venue]
}
