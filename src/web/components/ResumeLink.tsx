import { useId, useRef, useState } from 'react';

/** The private link that resumes this assessment, with a copy button. */
export function ResumeLink({ token, finished = false }: { token: string; finished?: boolean }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const url = `${window.location.origin}/a/${token}${finished ? '/result' : ''}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      input.current?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2500);
  };
  return (
    <aside className="resume-link" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="h-small">
        {finished ? 'Your private link to this profile' : 'Your private link to continue later'}
      </h2>
      <div className="resume-row">
        <label htmlFor={`${id}-url`} className="visually-hidden">
          Private link
        </label>
        <input
          id={`${id}-url`}
          ref={input}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
        <button type="button" className="button button-secondary" onClick={copy}>
          {copied ? 'Copied' : 'Copy link'}
        </button>
      </div>
      <p className="fine-print">
        This browser remembers it too. Anyone with the link can open your answers, so keep it to yourself.
      </p>
    </aside>
  );
}
