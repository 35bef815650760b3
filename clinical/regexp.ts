/** `s` as a regular-expression pattern that matches it literally. Pure. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
