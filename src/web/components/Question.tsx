import type { ItemStatus } from '../lib/useAutosave.ts';

export interface QuestionProps {
  number: number;
  id: string;
  text: string;
  labels: string[];
  min: number;
  value: number | undefined;
  status: ItemStatus | undefined;
  onChange(value: number | null): void;
}

/** One question: a real radio group in a fieldset whose legend is the question. */
export function Question({ number, id, text, labels, min, value, status, onChange }: QuestionProps) {
  const name = `q-${id}`;
  return (
    <fieldset className={`question${value !== undefined ? ' answered' : ''}`}>
      <legend>
        <span className="q-number">{number}.</span> {text}
      </legend>
      <div className="scale">
        {labels.map((label, i) => {
          const v = min + i;
          return (
            <label key={v} className={`scale-option${value === v ? ' checked' : ''}`}>
              <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
              <span className="scale-label">{label}</span>
            </label>
          );
        })}
      </div>
      <div className="q-foot">
        <span className={`q-status q-status-${status ?? 'none'}`}>
          {status === 'saving'
            ? 'Saving…'
            : status === 'saved'
              ? 'Saved'
              : status === 'error'
                ? 'Not saved yet'
                : ''}
        </span>
        {value !== undefined && (
          <button type="button" className="link-button" onClick={() => onChange(null)}>
            Clear answer<span className="visually-hidden"> to question {number}</span>
          </button>
        )}
      </div>
    </fieldset>
  );
}
