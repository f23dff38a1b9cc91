import type { InvokeRequest } from '../../../shared/api'
import type { EngineServices } from '../services'

export function alertHandlers({ alertRules, alerts }: EngineServices) {
  return {
    listAlertRules: () => alertRules.list(),
    saveAlertRule: (rule: InvokeRequest<'saveAlertRule'>) => alertRules.save(rule),
    deleteAlertRule: ({ id }: InvokeRequest<'deleteAlertRule'>) => alertRules.delete(id),
    getAlertLog: () => alerts.history(),
  }
}
