/**
 * Output hygiene against exfiltration: a model steered by injected text may try to smuggle data out in a markdown
 * image (fetched by the browser with no click) or a link to an attacker's host. Images are removed outright; links
 * survive only to allow-listed hosts, otherwise only their text stays. Pure.
 */
const IMAGE = /!\[([^\]]*)\]\(\s*<?[^)\s>]*>?(?:\s+"[^"]*")?\s*\)/g;
const HTML_IMAGE = /<img\b[^>]*>/gi;
const LINK = /\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const BARE_URL = /\bhttps?:\/\/[^\s)<>\]]+/gi;

function hostAllowed(url: string, allowedHosts: readonly string[]): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return allowedHosts.some((h) => host === h || host.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

export function sanitizeOutput(text: string, allowedHosts: readonly string[]): string {
  return text
    .replace(IMAGE, (_, alt: string) => (alt ? `[image removed: ${alt}]` : '[image removed]'))
    .replace(HTML_IMAGE, '[image removed]')
    .replace(LINK, (whole, label: string, url: string) => (hostAllowed(url, allowedHosts) ? whole : label))
    .replace(BARE_URL, (url) => (hostAllowed(url, allowedHosts) ? url : '[link removed]'));
}

/**
 * A stream transform for streamText: holds text until a line ends (or the stream does), so an image, a link or a
 * placeholder split across deltas is seen whole, then sanitizes it (and, under pseudonymization, restores the real
 * values — after sanitizing, so a restored value can never form a link).
 */
export function sanitizingTransform(allowedHosts: readonly string[], restore: (text: string) => string = (t) => t) {
  const clean = (text: string) => restore(sanitizeOutput(text, allowedHosts));
  return () => {
    let held = '';
    let heldId = '';
    return new TransformStream<
      { type: string; text?: string; id?: string },
      { type: string; text?: string; id?: string }
    >({
      transform(part, controller) {
        if (part.type === 'text-delta' && typeof part.text === 'string') {
          held += part.text;
          heldId = part.id ?? heldId;
          const cut = held.lastIndexOf('\n');
          if (cut >= 0) {
            controller.enqueue({ ...part, text: clean(held.slice(0, cut + 1)) });
            held = held.slice(cut + 1);
          }
          return;
        }
        if (held && (part.type === 'text-end' || part.type === 'finish-step' || part.type === 'finish')) {
          controller.enqueue({ type: 'text-delta', id: heldId, text: clean(held) });
          held = '';
        }
        controller.enqueue(part);
      },
      flush(controller) {
        if (held) controller.enqueue({ type: 'text-delta', id: heldId, text: clean(held) });
      },
    });
  };
}
