import { SEVERITY_ORDER } from '../drift';
import { SEVERITY_COLORS } from './markdown';
import { incompleteBanner, provenanceLine, provenanceOf } from './provenance';
import type { Reporter } from './report';
import { summarize } from './report';
import { driftTree, type TreeNode } from './tree';

/** Text and attribute values: everything from the organization is data, never markup. */
export function htmlEscape(s: unknown): string {
  return String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const ROW = 34;
const BOX_H = 26;
const INDENT = 28;
const BOX_W = 330;

/**
 * The OU tree as an inline SVG picture laid out here (no layout library, nothing fetched): one
 * row per node, indented by depth, elbow connectors to the parent, drifted nodes filled by their
 * worst severity with a badge counting findings, live-only nodes dashed. A row per node keeps a
 * thousand-account organization readable (it grows down, not sideways).
 */
export function svgTree(nodes: readonly TreeNode[]): string {
  const row = new Map(nodes.map((n, i) => [n.key, i]));
  const maxDepth = Math.max(0, ...nodes.map((n) => n.depth));
  const width = 20 + maxDepth * INDENT + BOX_W + 20;
  const height = nodes.length * ROW + 16;
  const x = (n: TreeNode) => 10 + n.depth * INDENT;
  const y = (i: number) => 8 + i * ROW;
  const parts: string[] = [];
  nodes.forEach((n, i) => {
    if (!n.parent) return;
    const p = row.get(n.parent)!;
    const px = x(nodes[p]) + 10;
    parts.push(`<path class="edge" d="M${px} ${y(p) + BOX_H} V${y(i) + BOX_H / 2} H${x(n)}"/>`);
  });
  nodes.forEach((n, i) => {
    const color = n.worst ? SEVERITY_COLORS[n.worst] : n.kind === 'account' ? { fill: '#ffffff', stroke: '#999999' } : { fill: '#eeeeff', stroke: '#333355' };
    const rx = n.kind === 'account' ? 13 : 3;
    const tip = [`${n.title} (${n.liveId})`, ...(n.declared ? [] : ['not declared']), ...n.findings.map((f) => `${f.severity} ${f.category}: ${f.message}`)].join('\n');
    const badge = n.findings.length
      ? `<text class="badge" x="${x(n) + BOX_W - 10}" y="${y(i) + 17}" text-anchor="end">${htmlEscape(`${n.worst} · ${n.findings.length}`)}</text>`
      : '';
    parts.push(`<g class="node${n.worst ? ' drifted' : ''}" data-node="${htmlEscape(n.key)}" data-severity="${htmlEscape(n.worst ?? '')}" tabindex="0">`
      + `<title>${htmlEscape(tip)}</title>`
      + `<rect x="${x(n)}" y="${y(i)}" width="${BOX_W}" height="${BOX_H}" rx="${rx}" fill="${color.fill}" stroke="${color.stroke}" stroke-width="${n.worst ? 2.5 : 1}"${n.declared ? '' : ' stroke-dasharray="5 3"'}/>`
      + `<text x="${x(n) + 10}" y="${y(i) + 17}"><tspan class="title">${htmlEscape(n.kind === 'account' ? n.title : n.title.split('/').pop())}</tspan> <tspan class="id">${htmlEscape(n.liveId)}</tspan></text>`
      + `${badge}</g>`);
  });
  return `<svg id="tree" role="img" aria-label="organization tree" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.summary span{display:inline-block;margin:0 12px 4px 0;padding:2px 8px;border-radius:10px;background:#eee}
.layout{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}
.tree{overflow:auto;max-width:100%;border:1px solid #ddd;padding:8px;background:#fcfcfc}
svg .edge{fill:none;stroke:#999}svg text{font-size:12px;font-family:inherit}svg .id{fill:#666;font-size:11px}
svg .title{font-weight:600}svg .badge{font-size:11px;font-weight:600}svg .node{cursor:pointer}svg .node.selected rect{stroke:#000;stroke-width:3}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}tr.hidden{display:none}td.sev{font-weight:600;white-space:nowrap}
.filters{margin:8px 0;display:flex;gap:16px;flex-wrap:wrap;align-items:center}.filters label{margin-right:8px}
.clean{color:#070;font-weight:600}code{font-size:12px}
.incomplete{border:2px solid #a00000;background:#f8d0d0;color:#600;padding:8px 12px;font-weight:600;margin:8px 0}.provenance{color:#666;font-size:12px}
`;

/** Filters by severity, category and tree node; counts what is shown. Inline, no library. */
const SCRIPT = `
(function(){
  var rows=[].slice.call(document.querySelectorAll('#findings tbody tr'));
  var sev=[].slice.call(document.querySelectorAll('input[name=severity]'));
  var cat=document.getElementById('category');var shown=document.getElementById('shown');
  var node='';var nodes=[].slice.call(document.querySelectorAll('#tree .node'));
  function apply(){
    var on={};sev.forEach(function(c){on[c.value]=c.checked;});var n=0;
    rows.forEach(function(r){
      var ok=on[r.dataset.severity]&&(!cat.value||cat.value===r.dataset.category)&&(!node||(' '+r.dataset.nodes+' ').indexOf(' '+node+' ')>=0);
      r.classList.toggle('hidden',!ok);if(ok)n++;
    });
    shown.textContent=n+' of '+rows.length+' shown'+(node?' (node '+node.replace(/^[a-z]+:/,'')+'; click it again to clear)':'');
  }
  sev.forEach(function(c){c.addEventListener('change',apply);});cat.addEventListener('change',apply);
  nodes.forEach(function(g){g.addEventListener('click',function(){
    node=node===g.dataset.node?'':g.dataset.node;
    nodes.forEach(function(o){o.classList.toggle('selected',o.dataset.node===node);});apply();
  });});
  apply();
})();
`;

/** One self-contained offline file: the drifted OU tree as a picture and a filterable findings table. */
export const htmlReporter: Reporter = {
  format: 'html',
  extension: 'html',
  render: (report) => {
    const s = summarize(report);
    const nodes = driftTree(report);
    const nodesOf = new Map<string, string[]>();
    for (const n of nodes) for (const f of n.findings) nodesOf.set(f.id, [...(nodesOf.get(f.id) ?? []), n.key]);
    const categories = Object.keys(s.byCategory).sort();
    const org = htmlEscape(report.snapshot.organization.id);
    const p = provenanceOf(report);
    const banner = incompleteBanner(p);
    const rows = report.findings.map((f) => `<tr data-severity="${htmlEscape(f.severity)}" data-category="${htmlEscape(f.category)}" data-nodes="${htmlEscape((nodesOf.get(f.id) ?? []).join(' '))}" data-finding="${htmlEscape(f.id)}">`
      + `<td class="sev" style="color:${SEVERITY_COLORS[f.severity]?.stroke ?? '#000'}">${htmlEscape(f.severity)}</td><td>${htmlEscape(f.category)}</td>`
      + `<td>${htmlEscape(`${f.resource.type} ${f.resource.name}`)}${f.resource.id !== f.resource.name ? `<br><code>${htmlEscape(f.resource.id)}</code>` : ''}</td>`
      + `<td>${htmlEscape(f.message)}</td><td>${htmlEscape(f.remediation)}</td><td><code>${htmlEscape(`${f.location.file}:${f.location.line}`)}</code></td></tr>`).join('\n');
    const severityBoxes = SEVERITY_ORDER.map((sev) => `<label><input type="checkbox" name="severity" value="${sev}" checked> ${sev} (${s.bySeverity[sev] ?? 0})</label>`).join('');
    const categoryOptions = categories.map((c) => `<option value="${htmlEscape(c)}">${htmlEscape(c)} (${s.byCategory[c]})</option>`).join('');
    const counts = SEVERITY_ORDER.filter((sev) => s.bySeverity[sev]).map((sev) => `<span style="background:${SEVERITY_COLORS[sev].fill}">${s.bySeverity[sev]} ${sev}</span>`).join('');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lzkit drift audit ${org}${banner ? ' (INCOMPLETE)' : ''}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>lzkit drift audit: ${org}</h1>
${banner ? `<p class="incomplete" role="alert" id="incomplete">${htmlEscape(banner)}</p>\n` : ''}<p class="summary">${s.findings ? `<strong>${s.findings} finding(s)</strong> ${counts}` : '<span class="clean">No drift.</span>'} ${s.accounts} accounts; report ${htmlEscape(report.generatedAt)}, snapshot ${htmlEscape(report.snapshot.collectedAt || 'unknown time')}.</p>
<div class="layout">
<section><h2>Organization</h2><p>Drifted nodes are coloured by their worst finding; dashed nodes exist but are not declared. Click a node to show its findings.</p>
<div class="tree">${svgTree(nodes)}</div></section>
<section style="flex:1;min-width:480px"><h2>Findings</h2>
<div class="filters"><div>${severityBoxes}</div><label>category <select id="category"><option value="">all</option>${categoryOptions}</select></label><span id="shown"></span></div>
<table id="findings"><thead><tr><th>severity</th><th>category</th><th>resource</th><th>message</th><th>remediation</th><th>declared at</th></tr></thead>
<tbody>
${rows}
</tbody></table>${s.findings ? '' : '<p class="clean">Every check passed.</p>'}
</section>
</div>
<p class="provenance" id="provenance">${htmlEscape(provenanceLine(p))}</p>
<script>${SCRIPT}</script>
</body>
</html>
`;
  },
};
