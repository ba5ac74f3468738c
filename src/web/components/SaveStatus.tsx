import type { Autosave } from '../lib/useAutosave.ts';

/** One calm line that says whether every answer is safely on the server. */
export function SaveStatus({ autosave, answered }: { autosave: Autosave; answered: number }) {
  let text: string;
  let tone: 'ok' | 'busy' | 'bad';
  if (autosave.fatal) {
    text = autosave.fatal;
    tone = 'bad';
  } else if (autosave.failedCount > 0) {
    text = 'Not saved yet: no connection. Your answers are kept in this browser and will be sent again.';
    tone = 'bad';
  } else if (autosave.pendingCount > 0) {
    text = 'Saving…';
    tone = 'busy';
  } else {
    text = answered > 0 ? 'All answers saved' : 'Answers are saved as you choose them';
    tone = 'ok';
  }
  return (
    <div className={`save-status save-${tone}`}>
      <span role="status" aria-live="polite">
        {tone === 'ok' && answered > 0 && <span aria-hidden="true">✓ </span>}
        {text}
      </span>
      {autosave.failedCount > 0 && !autosave.fatal && (
        <button type="button" className="button button-small" onClick={autosave.retryNow}>
          Retry now
        </button>
      )}
    </div>
  );
}
