import type { SuiteReport, Threshold, Thresholds } from './types.ts';

/** Text as HTML: every case's text comes from models and records, so nothing is trusted as markup. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const bound = (t: Threshold | undefined) =>
  t
    ? [t.min !== undefined ? `≥ ${t.min}` : '', t.max !== undefined ? `≤ ${t.max}` : ''].filter(Boolean).join(', ')
    : '—';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2430}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}th,td{border:1px solid #cfd6e0;padding:.35rem .5rem;
vertical-align:top;text-align:left}th{background:#eef2f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.miss td{background:#fde8e8}.ok{color:#17693a}.bad{color:#b42318;font-weight:600}
td.text{white-space:pre-wrap;word-break:break-word;max-width:38rem}code{font-size:12px}`;

/**
 * A self-contained HTML report (no scripts, no external assets): the metric table with thresholds and misses, then
 * per suite the failing cases side by side — expected, got, and the per-case scores behind the verdict.
 */
export function html(reports: SuiteReport[], thresholds: Thresholds, started: string): string {
  const out: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta name="viewport" content="width=device-width"><title>charta eval report ${escapeHtml(started)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>Eval report</h1><p>Run ${escapeHtml(started)}, model: ${escapeHtml(reports[0]?.model ?? '—')}</p>`,
    '<h2>Metrics</h2><table><thead><tr><th>suite</th><th>metric</th><th>value</th><th>threshold</th><th></th></tr></thead><tbody>',
  ];
  for (const r of reports)
    for (const [metric, value] of Object.entries(r.metrics)) {
      const missed = r.misses.some((m) => m.metric === metric);
      const t = thresholds[r.suite]?.[metric];
      out.push(
        `<tr${missed ? ' class="miss"' : ''}><td>${escapeHtml(r.suite)}</td><td>${escapeHtml(metric)}</td>`,
        `<td class="num">${Number.isFinite(value) ? value.toFixed(3) : 'n/a'}</td><td>${escapeHtml(bound(t))}</td>`,
        `<td>${missed ? '<span class="bad">MISSED</span>' : t ? '<span class="ok">met</span>' : 'reported'}</td></tr>`,
      );
    }
  out.push('</tbody></table>');
  for (const r of reports) {
    const pass = r.cases - r.failures.length;
    out.push(`<h2 id="${escapeHtml(r.suite)}">${escapeHtml(r.suite)}: ${pass}/${r.cases} cases pass</h2>`);
    if (r.failures.length === 0) continue;
    out.push(
      '<table><thead><tr><th>case</th><th>expected</th><th>got</th><th>evidence (scores)</th></tr></thead><tbody>',
    );
    for (const f of r.failures) {
      const scores = Object.entries(f.scores)
        .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(3)}`)
        .join(' ');
      out.push(
        `<tr><td><code>${escapeHtml(f.id)}</code></td><td class="text">${escapeHtml(f.expected)}</td>`,
        `<td class="text">${escapeHtml(f.got)}</td><td><code>${escapeHtml(scores)}</code></td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}
