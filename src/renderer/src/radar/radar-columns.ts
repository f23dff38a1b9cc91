import type { ExplainedId } from '../../../shared/scoring/metric-registry'
import type { SortKey } from './radar-model'

export interface RadarColumn {
  key: SortKey
  label: string
  /** Metric id whose tooltip explains the column. */
  metric: ExplainedId
  align: 'left' | 'right'
  /** Sorting a new column starts with the direction a trader expects (biggest stress first, A–Z names). */
  firstDir: 'asc' | 'desc'
}

export const RADAR_COLUMNS: RadarColumn[] = [
  { key: 'market', label: 'Market', metric: 'market', align: 'left', firstDir: 'asc' },
  { key: 'stress', label: 'Stress', metric: 'lsi', align: 'left', firstDir: 'desc' },
  { key: 'price', label: 'Price', metric: 'last-price', align: 'right', firstDir: 'desc' },
  { key: 'change24h', label: '24h', metric: 'price-change-24h', align: 'right', firstDir: 'desc' },
  { key: 'funding', label: 'Funding', metric: 'funding-rate', align: 'right', firstDir: 'desc' },
  { key: 'oiUsd', label: 'OI', metric: 'oi-usd', align: 'right', firstDir: 'desc' },
  { key: 'oi', label: 'OI 24h', metric: 'oi-roc-24h', align: 'right', firstDir: 'desc' },
  { key: 'ls', label: 'L/S', metric: 'ls-global', align: 'right', firstDir: 'desc' },
  { key: 'vpin', label: 'VPIN', metric: 'vpin-cdf', align: 'left', firstDir: 'desc' },
  { key: 'basis', label: 'Basis', metric: 'basis-bps', align: 'right', firstDir: 'desc' },
  { key: 'cluster', label: 'Cluster', metric: 'cluster-distance', align: 'right', firstDir: 'asc' },
  { key: 'setup', label: 'Setup', metric: 'setup-tag', align: 'left', firstDir: 'asc' },
  { key: 'age', label: 'Fresh', metric: 'freshness', align: 'right', firstDir: 'asc' },
]
