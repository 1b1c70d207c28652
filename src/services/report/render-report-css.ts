/** The report page's stylesheet, inlined so the HTML stands alone in a mail, a browser and the PDF. */
export const REPORT_CSS = `
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font: 12px/1.45 Helvetica, Arial, sans-serif; color: #1f2937; background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 20px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 14px; margin: 18px 0 6px; border-bottom: 1px solid #e5e7eb; padding-bottom: 3px; }
h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: #6b7280; margin: 10px 0 4px; }
.meta, .note { color: #6b7280; font-size: 11px; font-weight: normal; }
.provisional { background: #fef3c7; border-left: 4px solid #d97706; padding: 4px 8px; font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; }
.card { border: 1px solid #e5e7eb; border-radius: 6px; padding: 6px 8px; break-inside: avoid; }
.card.muted .value { color: #9ca3af; font-size: 12px; }
.card .label { font-size: 11px; color: #4b5563; }
.card .value { font-size: 17px; font-weight: 600; }
.card .sub { font-size: 10px; color: #6b7280; }
.chip { display: inline-block; margin-top: 3px; font-size: 10px; padding: 0 6px; border-radius: 9px; background: #f3f4f6; }
.chip.better { background: #d1fae5; color: #065f46; }
.chip.worse { background: #fee2e2; color: #991b1b; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
ul { margin: 4px 0; padding-left: 18px; }
.none { color: #6b7280; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; font-size: 11px; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #f3f4f6; vertical-align: top; }
td.num { text-align: right; }
td.agent { white-space: nowrap; font-weight: 600; }
tr.why td { color: #4b5563; font-size: 10px; padding-top: 0; border-bottom: 1px solid #e5e7eb; }
.badge { font-weight: 600; padding: 1px 6px; border-radius: 4px; }
.badge.expand { background: #d1fae5; color: #065f46; }
.badge.restrict { background: #fee2e2; color: #991b1b; }
.badge.hold { background: #f3f4f6; color: #374151; }
.badge.none { background: #fef3c7; color: #92400e; }
.sev { font-size: 10px; font-weight: 600; text-transform: uppercase; padding: 0 4px; border-radius: 3px; }
.sev.high { background: #fee2e2; color: #991b1b; }
.sev.medium { background: #fef3c7; color: #92400e; }
.sev.low { background: #f3f4f6; color: #374151; }
figure { margin: 6px 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 10px; color: #6b7280; }
.small { font-size: 10px; color: #4b5563; }
@media (max-width: 700px) { .cards { grid-template-columns: repeat(2, 1fr); } .two { grid-template-columns: 1fr; } }
`;
