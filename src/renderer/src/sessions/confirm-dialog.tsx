import { useEffect, useRef } from 'react'

interface Props {
  title: string
  children: React.ReactNode
  confirmText: string
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** A modal question; Escape cancels and focus starts on Cancel so Enter never destroys by accident. */
export function ConfirmDialog({ title, children, confirmText, busy, onConfirm, onCancel }: Props) {
  const cancelRef = useRef<HTMLButtonElement>(null)
  useEffect(() => cancelRef.current?.focus(), [])
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="modal confirm" role="alertdialog" aria-modal="true" aria-label={title}>
        <div className="modal-header">
          <h3>{title}</h3>
        </div>
        <div className="confirm-body">{children}</div>
        <div className="form-actions">
          <button type="button" ref={cancelRef} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn-danger" disabled={busy} onClick={onConfirm}>
            {confirmText}
          </button>
        </div>
      </div>
    </div>
  )
}
