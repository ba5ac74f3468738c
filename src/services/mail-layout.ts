/** The one layout of Fulcrum's mail: plain text first, a simple HTML alternative (every value escaped). */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The HTML alternative: one paragraph per line, then the link. */
export function linkMailHtml(paragraphs: string[], link: string, label: string): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  return `<!doctype html><html><body style="font-family:sans-serif">${body}<p><a href="${escapeHtml(link)}">${escapeHtml(label)}</a></p></body></html>`;
}

/**
 * A mail that leads to one link.
 *
 * @example
 * linkMail('Check-in: Steadier weeks', ['Hello Sam,', 'It is time for a check-in.'], link, 'Open your plan');
 */
export function linkMail(subject: string, lines: string[], link: string, label: string) {
  return {
    subject,
    text: `${lines.join('\n\n')}\n\n${label}: ${link}\n`,
    html: linkMailHtml(lines, link, label),
  };
}
