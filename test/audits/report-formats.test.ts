import { XMLValidator } from 'fast-xml-parser';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { pathToFileURL } from 'url';
import { detectDrift, type Finding } from '../../audits/drift';
import { reportFormats, reporterFor, type AuditReport } from '../../audits/report';
import { mermaidTree } from '../../audits/report/markdown';
import { driftTree } from '../../audits/report/tree';
import { sandboxOrganization } from '../../audits/sandbox';
import { writeSnapshot } from '../../audits/snapshot';
import { exampleLandingZone, ROOT_DIR } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lzkit-report-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const DRIFTS = ['scp-detached', 'account-moved', 'unmanaged-account', 'scp-edited', 'root-keys'];

function report(drift: readonly string[] = DRIFTS, edit?: (f: Finding[]) => Finding[]): AuditReport {
  const lz = exampleLandingZone();
  const snapshot = sandboxOrganization({ lz }, drift);
  const findings = detectDrift(lz, snapshot);
  return { lz, snapshot, findings: edit ? edit(findings) : findings, generatedAt: '2025-01-01T00:00:00.000Z' };
}

/** A finding whose text would break every format that does not escape. */
const HOSTILE = '<script>alert("x")</script> & | `pipe` \'q\'\nline';

function withHostile(findings: Finding[]): Finding[] {
  const [first, ...rest] = findings;
  return [{ ...first, message: HOSTILE, remediation: HOSTILE, resource: { ...first.resource, name: HOSTILE } }, ...rest];
}

/** Well-formed XML: fast-xml-parser's validator (tags nest, entities and attributes are valid). */
function checkWellFormed(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
}

describe('junit report', () => {
  it('has a testsuite per category, a testcase per declared check and a failure per finding', () => {
    const r = report();
    const xml = reporterFor('junit')!.render(r);
    checkWellFormed(xml);
    const failures = xml.match(/<failure /g) ?? [];
    expect(failures).toHaveLength(r.findings.length);
    for (const f of r.findings) expect(xml).toContain(`<testsuite name="${f.category}"`);
    // Every declared guardrail is a testcase of policy-modified, drifted or not.
    for (const g of r.lz.guardrails.policies.values()) expect(xml).toContain(`classname="lzkit.drift.policy-modified" name="guardrail ${g.id}"`);
    const total = Number(/<testsuites [^>]*tests="(\d+)"/.exec(xml)![1]);
    const cases = (xml.match(/<testcase /g) ?? []).length;
    expect(total).toBe(cases);
  });

  it('lists passing testcases for a clean audit', () => {
    const xml = reporterFor('junit')!.render(report([], () => []));
    checkWellFormed(xml);
    expect(xml).not.toContain('<failure');
    expect((xml.match(/<testcase /g) ?? []).length).toBeGreaterThan(exampleLandingZone().accounts.size);
    expect(xml).toMatch(/<testsuites [^>]*failures="0"/);
  });

  it('escapes hostile text', () => {
    const xml = reporterFor('junit')!.render(report(DRIFTS, withHostile));
    checkWellFormed(xml);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
  });
});

describe('markdown report', () => {
  it('has the summary, one table row per finding and the OU tree as Mermaid with drifted nodes classed', () => {
    const r = report();
    const md = reporterFor('markdown')!.render(r);
    expect(md).toContain(`**${r.findings.length} finding(s)**`);
    const rows = md.split('\n').filter((l) => /^\| (critical|high|medium|low|info) \| [a-z-]+ \|/.test(l));
    expect(rows).toHaveLength(r.findings.length);
    expect(md).toContain('```mermaid\nflowchart LR');
    for (const a of r.lz.accounts.keys()) expect(md).toContain(`<b>${a}</b>`);
    const moved = r.findings.find((f) => f.category === 'account-moved')!;
    const node = driftTree(r).find((n) => n.liveId === moved.resource.id)!;
    expect(node.worst).toBeDefined();
    const id = mermaidTree([node]).match(/ (n0)\(/)![1];
    expect(mermaidTree([node])).toContain(`class ${id} drift_${node.worst}`);
  });

  it('keeps hostile text inside its table cell', () => {
    const md = reporterFor('markdown')!.render(report(DRIFTS, withHostile));
    const row = md.split('\n').find((l) => l.includes('alert('))!;
    expect(row).not.toContain('<script>');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(8); // 6 cells: the pipe in the text is escaped
  });
});

/**
 * A real headless Chromium that ships inside an npm package (@sparticuz/chromium: the browser
 * brotli-compressed in the package, unpacked on first use; no download, no system package),
 * driven by puppeteer-core. It unpacks into this test's own temporary folder (the package unpacks
 * into os.tmpdir()), so parallel runs never share a half-written browser.
 */
async function launchChromium(): Promise<Browser> {
  const chromium = (await import('@sparticuz/chromium')).default;
  const before = process.env.TMPDIR;
  process.env.TMPDIR = fs.mkdtempSync(path.join(tmp, 'chromium-'));
  let executablePath: string;
  try {
    executablePath = await chromium.executablePath();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
  return puppeteer.launch({
    executablePath, headless: 'shell', userDataDir: path.join(tmp, 'profile'),
    // As root, without a network: no sandbox, and none of Chromium's own background connections.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-zygote', '--single-process'],
  });
}

describe('html report', () => {
  const r = report(DRIFTS, withHostile);
  const html = reporterFor('html')!.render(r);
  const file = path.join(tmp, 'audit.html');
  fs.writeFileSync(file, html);
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 2000 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  }, 120_000);
  afterAll(async () => { await browser?.close(); });

  it('loads nothing remote and escapes every text', () => {
    expect(html).not.toMatch(/\b(src|href|xlink:href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    expect(html).not.toContain('<script>alert');
    expect((html.match(/<script>/g) ?? []).length).toBe(1);
  });

  it('renders in headless Chromium with every finding, the tree picture and working filters', async () => {
    const dom = await page.content();
    const rows = dom.match(/<tr data-severity=/g) ?? [];
    expect(rows).toHaveLength(r.findings.length);
    for (const f of r.findings) expect(dom).toContain(`data-finding="${f.id.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
    // The script ran: it wrote the count of shown rows.
    expect(dom).toContain(`${r.findings.length} of ${r.findings.length} shown`);
    // The tree: one node per declared OU and account, drifted ones marked.
    const nodes = dom.match(/<g class="node/g) ?? [];
    expect(nodes.length).toBeGreaterThanOrEqual(r.lz.ous.size + r.lz.accounts.size);
    expect(dom).toMatch(/<g class="node drifted"/);
    expect(dom).toContain('<svg id="tree"');
  });

  it('filters the findings by severity when a box is unticked, as a person would', async () => {
    const severity = r.findings[0].severity;
    const others = r.findings.filter((f) => f.severity !== severity).length;
    await page.click(`input[name=severity][value=${severity}]`);
    expect(await page.$eval('#shown', (e) => e.textContent)).toContain(`${others} of ${r.findings.length} shown`);
    await page.click(`input[name=severity][value=${severity}]`);
    expect(await page.$eval('#shown', (e) => e.textContent)).toContain(`${r.findings.length} of ${r.findings.length} shown`);
  });

  it('takes a non-empty screenshot', async () => {
    const png = path.join(tmp, 'audit.png');
    await page.screenshot({ path: png, fullPage: false });
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // A blank page compresses to a few kB; the tree and table make it far larger.
    expect(bytes.length).toBeGreaterThan(20_000);
  });
});

describe('lzkit audit --format', () => {
  it('writes every registered format with --output', () => {
    const snap = path.join(tmp, 'drift.json');
    writeSnapshot(snap, sandboxOrganization({ lz: exampleLandingZone() }, DRIFTS));
    for (const format of ['table', 'junit', 'markdown', 'html']) {
      expect(reportFormats()).toContain(format);
      const out = path.join(tmp, `report.${format}`);
      const run = spawnSync(process.execPath, [path.join(ROOT_DIR, 'bin', 'lzkit.js'), 'audit', '--snapshot', snap, '--format', format, '--output', out, '--dir', ROOT_DIR], { encoding: 'utf8' });
      expect(run.status).toBe(1); // drift found, everything read
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(fs.readFileSync(out, 'utf8').length).toBeGreaterThan(200);
    }
    expect(fs.readFileSync(path.join(tmp, 'report.junit'), 'utf8')).toContain('<testsuite ');
  });
});
