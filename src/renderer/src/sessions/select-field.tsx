export type Option<T extends string> = T | { value: T; label: string }

interface Props<T extends string> {
  /** The visible caption above the control. */
  label: string
  /** The accessible name (kept short and stable: tests and screen readers use it). */
  ariaLabel?: string
  value: T
  options: readonly Option<T>[]
  onChange: (value: T) => void
  className?: string
}

/** A labelled select in the screens' field style. */
export function SelectField<T extends string>({
  label,
  ariaLabel,
  value,
  options,
  onChange,
  className,
}: Props<T>) {
  return (
    <label className={className ? `field ${className}` : 'field'}>
      <span>{label}</span>
      <select aria-label={ariaLabel ?? label} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => {
          const { value: v, label: text } = typeof o === 'string' ? { value: o, label: o } : o
          return (
            <option key={v} value={v}>
              {text}
            </option>
          )
        })}
      </select>
    </label>
  )
}
