/**
 * A small phrase notation for the triage rules, compiled to regular expressions over the prepared token string
 * (see text.ts): words separated by spaces; `(a|b)` alternatives; `_` inside an alternative for a space; `*` at the
 * end of a word for any ending ("kill*" = kill, kills, killing); `~N` for up to N intervening words; `(a|b)?` for
 * an optional word.
 */
export function phrase(notation: string): RegExp {
  const parts = notation.trim().split(/\s+/);
  let source = ' ';
  for (const part of parts) {
    const gap = /^~(\d+)$/.exec(part);
    if (gap) {
      source += `(?:\\S+ ){0,${gap[1]}}`;
      continue;
    }
    const word = part.replace(/\*/g, '\\S*').replace(/_/g, ' ');
    // "(a|b)?" is an optional word: its trailing space goes inside the group so a missing word leaves one space.
    if (/^\([^()]*\)\?$/.test(word)) {
      source += `(?:(?:${word.slice(1, -2)}) )?`;
      continue;
    }
    source += `${word.startsWith('(') ? `(?:${word.slice(1)}` : word} `;
  }
  return new RegExp(source);
}

/** Compiles a list of notations (or raw expressions, for lookbehinds) into one alternation. */
export function anyOf(...notations: Array<string | RegExp>): RegExp {
  return new RegExp(notations.map((n) => (typeof n === 'string' ? phrase(n).source : n.source)).join('|'));
}
