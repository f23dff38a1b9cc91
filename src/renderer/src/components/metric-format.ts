/** Kept for modules that still import from here; the formatters live in ../format. */
export { fmtPct, fmtPrice, fmtUsd } from '../format'
