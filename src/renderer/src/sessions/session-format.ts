import type { SessionSummary } from '../../../shared/contract/sessions'

const KIND_BADGE: Record<SessionSummary['kind'], { text: string; className: string }> = {
  sample: { text: 'SAMPLE', className: 'badge badge-sample' },
  recording: { text: 'RECORDED', className: 'badge badge-recorded' },
  import: { text: 'IMPORTED', className: 'badge badge-imported' },
}

export function kindBadge(kind: SessionSummary['kind']): { text: string; className: string } {
  return KIND_BADGE[kind]
}

/** Notes that warn (cut short, damage, refused rows) get the warning colour; the rest are plain facts. */
export function isWarningNote(note: string): boolean {
  return /cut short|damag|lost|corrupt|unreadable|bad row|could not|cop(y|ies|ied)\b|empty|missing|gap|refus|not imported|off .*schedule/i.test(
    note,
  )
}
