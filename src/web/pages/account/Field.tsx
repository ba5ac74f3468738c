import { useId } from 'react';

/** A labelled input; the hint is tied to it with aria-describedby. */
export function Field(props: {
  label: string;
  type?: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete?: string;
  required?: boolean;
  hint?: string;
  minLength?: number;
  inputMode?: 'numeric' | 'email' | 'text';
  name?: string;
}) {
  const id = useId();
  return (
    <p className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        required={props.required ?? true}
        minLength={props.minLength}
        inputMode={props.inputMode}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      {props.hint && (
        <span id={`${id}-hint`} className="muted field-hint">
          {props.hint}
        </span>
      )}
    </p>
  );
}

export function ErrorMessage({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

export function Status({ text }: { text: string | null }) {
  return (
    <p className={text ? 'notice' : 'visually-hidden'} role="status">
      {text ?? ''}
    </p>
  );
}
