import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';

export { useSession } from '../account/useSession.ts';

/**
 * A ref for the page's h1 that takes focus once the page has its content (and again whenever `key`
 * changes), so a screen reader announces where a navigation landed.
 */
export function useHeadingFocus(ready: boolean, key: unknown = null): RefObject<HTMLHeadingElement | null> {
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again when the step (key) changes
  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready, key]);
  return heading;
}

/** A polite live region for saves and a separate alert for errors; both always in the page. */
export function LiveStatus({ status, error }: { status: string | null; error: string | null }) {
  return (
    <>
      <p className={status ? 'notice' : 'visually-hidden'} role="status" aria-live="polite">
        {status ?? ''}
      </p>
      <p className={error ? 'error' : 'visually-hidden'} role="alert">
        {error ?? ''}
      </p>
    </>
  );
}

/** The problems the server named for one field, tied to it by id. */
export function FieldProblems({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <span id={id} className="field-problem">
      {messages.join('; ')}
    </span>
  );
}

/** A labelled control with an optional hint and the server's problems for it. */
export function LabelledField(props: {
  label: string;
  hint?: string;
  problems?: string[];
  className?: string;
  children: (a11y: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const problems = props.problems ?? [];
  const describedBy =
    [props.hint ? `${id}-hint` : '', problems.length > 0 ? `${id}-problem` : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <p className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        'aria-describedby': describedBy,
        ...(problems.length > 0 ? { 'aria-invalid': true } : {}),
      })}
      {props.hint && (
        <span id={`${id}-hint`} className="muted field-hint">
          {props.hint}
        </span>
      )}
      <FieldProblems id={`${id}-problem`} messages={problems} />
    </p>
  );
}

export function Loading({ title, error }: { title: string; error: string | null }) {
  return (
    <div className="wrap narrow page plans">
      <h1>{title}</h1>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : (
        <p role="status">Loading…</p>
      )}
    </div>
  );
}

/** A focus area's scale as a short chip. */
export function Chip({ children }: { children: ReactNode }) {
  return <span className="chip">{children}</span>;
}
