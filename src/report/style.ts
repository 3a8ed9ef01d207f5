/** The report's stylesheet, inlined (no network, no external fonts). */
export const REPORT_CSS = `
:root { --ink: #1d2330; --muted: #5b6475; --line: #dde1e8; --soft: #f5f7fa; --accent: #4269d0; --warn: #8a5a00; --warnbg: #fff6e0; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { font-size: 28px; margin: 0 0 6px; }
h2 { font-size: 21px; margin: 40px 0 8px; padding-top: 8px; border-top: 1px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 6px; }
p { margin: 6px 0; }
.lede { font-size: 17px; color: var(--ink); }
.meta, .notes, .caption, footer { color: var(--muted); }
.meta { font-size: 13px; }
ul.findings { padding-left: 20px; }
ul.findings li { margin: 6px 0; }
.warning { background: var(--warnbg); color: var(--warn); border-left: 4px solid #e0a400; padding: 8px 12px; margin: 10px 0; border-radius: 3px; font-size: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { text-align: left; background: var(--soft); font-weight: 600; }
th small { display: block; font-weight: 400; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
table.headline { font-size: 12.5px; }
table.headline th, table.headline td { padding: 6px 5px; }
table.headline td:first-child { min-width: 120px; font-weight: 600; }
table.headline caption { caption-side: top; text-align: left; font-weight: 600; font-size: 14px; padding: 10px 0 4px; }
td small { display: block; color: var(--muted); font-size: 11.5px; }
tr.baseline td { background: #fafafa; }
.headline-wrap { overflow-x: auto; }
.notes { font-size: 13px; }
.chart { margin: 8px 0 28px; }
.chart svg { max-width: 100%; height: auto; }
.chart figure { margin: 0; }
.chart figure > h2, .chart figure > h3 { font-size: 15px; border: none; margin: 14px 0 2px; padding: 0; }
.chart [class$="-swatches"], .chart [class*="-swatches "] { font-size: 13px !important; }
.chart [class$="-swatch"] > svg { width: 14px; height: 14px; }
.caption { font-size: 14px; max-width: 820px; margin-top: 6px; }
.chart-grid .panels { display: grid; grid-template-columns: 1fr 1fr; gap: 12px 24px; }
.chart-stack > * { margin-bottom: 12px; }
.not-shown { font-style: italic; color: var(--muted); }
table.assumptions td { font-size: 13px; }
dl.defs dt { font-weight: 600; margin-top: 10px; }
dl.defs dd { margin: 2px 0 0 0; color: var(--ink); }
code { background: var(--soft); padding: 1px 4px; border-radius: 3px; font-size: 13px; }
footer { margin-top: 48px; font-size: 13px; border-top: 1px solid var(--line); padding-top: 12px; }
@media print { main { max-width: none; } h2 { break-after: avoid; } .chart { break-inside: avoid; } }
`;
