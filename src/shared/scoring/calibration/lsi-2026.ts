import data from '../../../../resources/calibration/lsi-2026.json'
import type { LsiCalibration } from './lsi-calibration'

/** The shipped calibration of the stress index (BTC hourly, 2026), written by scripts/evidence-2026.ts. */
export const LSI_CALIBRATION_2026: LsiCalibration = data
