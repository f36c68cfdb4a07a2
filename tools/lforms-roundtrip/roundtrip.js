#!/usr/bin/env node
// roundtrip.js QUESTIONNAIRE.json FILLS.json OUT.json
//
// Renders a FHIR R4 Questionnaire in LHC-Forms (npm "lforms", pinned in
// package.json) in headless Chromium driven by puppeteer-core, fills it in
// through the form once per fill, and exports each QuestionnaireResponse
// with LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', ...).
//
// FILLS.json is a list of {"id": ..., "subject": {"resourceType":
// "Patient", "id": ...} (optional, passed to getFormFHIRData), "answers":
// {linkId: [code, ...]}}; answers are given in the questionnaire's order,
// by clicking the option whose display text the questionnaire gives for
// the code in the item's list, as a person would, then leaving the field. Nothing is fetched from the network:
// lforms' built files are served from node_modules by a server on
// 127.0.0.1 started here, and every other request is blocked.
//
// OUT.json gets {"formText", "survey", "fills", "blocked"}:
//   formText  the text of the freshly rendered form (what a person reads);
//   survey    for every question the form showed in any fill, the label
//             and the option texts its list showed before anything was
//             chosen: {linkId: {"text": ..., "options": [...]}};
//   fills     per fill: "id", "visible" (linkIds of the questions shown
//             after filling, in order), "selected" (the option texts the
//             form shows as chosen, per linkId) and "response" (the
//             exported QuestionnaireResponse);
//   blocked   requests refused because they left 127.0.0.1.
// The checks of meaning (same answers, same result, every option shown)
// are the caller's; this exits 1 when the form cannot be filled (a
// question not shown when its answer is due, an option text not in its
// list), 2 on bad usage.
//
// CHROMIUM (default /usr/bin/chromium) names the browser.
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const STEP_TIMEOUT_MS = 10000;
const T0 = Date.now();
// ROUNDTRIP_TRACE=1 logs each step with the time since the start.
const trace = process.env.ROUNDTRIP_TRACE === '1' ? (...a) => process.stderr.write(`[${Date.now() - T0} ms] ${a.join(' ')}\n`) : () => {};

function usage(msg) {
  process.stderr.write(`roundtrip.js: ${msg}\nusage: roundtrip.js QUESTIONNAIRE.json FILLS.json OUT.json\n`);
  process.exit(2);
}

// ---- the questionnaire: questions in order, with option display texts ----
// Each question's DOM id in LHC-Forms is its linkId and "/1" per level of
// nesting (a question in a group: "LINKID/1/1").
function questions(q) {
  const out = [];
  const walk = (items, depth) => (items || []).forEach(it => {
    if (it.type !== 'group' && it.type !== 'display') {
      const opts = (it.answerOption || []).map(o => o.valueCoding || {});
      out.push({ linkId: it.linkId, domId: it.linkId + '/1'.repeat(depth), text: it.text, repeats: !!it.repeats, options: opts });
    }
    walk(it.item, depth + 1);
  });
  walk(q.item, 1);
  return out;
}

// ---- a local server for lforms' built files and the page ----------------
const LFORMS = path.join(path.dirname(require.resolve('lforms/package.json')), 'dist', 'lforms');
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>twitchcheck LHC-Forms round trip</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/lforms/webcomponent/styles.css"></head>
<body><div id="form"></div>
<script src="/lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="/lforms/webcomponent/runtime.js"></script>
<script src="/lforms/webcomponent/polyfills.js"></script>
<script src="/lforms/webcomponent/main.js"></script>
<script src="/lforms/fhir/R4/lformsFHIR.min.js"></script>
</body></html>`;
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.map': 'application/json' };

function serve() {
  const srv = http.createServer((req, res) => {
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname); } catch (_) { p = ''; }
    if (p === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(PAGE);
    }
    if (p.startsWith('/lforms/')) {
      const f = path.join(LFORMS, path.normalize(p.slice('/lforms/'.length)));
      if (f.startsWith(LFORMS + path.sep)) {
        try {
          const body = fs.readFileSync(f);
          res.writeHead(200, { 'content-type': TYPES[path.extname(f)] || 'application/octet-stream' });
          return res.end(body);
        } catch (_) { /* 404 below */ }
      }
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve, reject) => {
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

// ---- driving the form ------------------------------------------------------
// LHC-Forms gives a question's item the id "item-" + its DOM id and its
// input the DOM id; choice lists are autocomplete lists that open in
// #lhc-tools-searchResults.
const css = s => s.replace(/[^a-zA-Z0-9_-]/g, c => '\\' + c);
const itemSel = q => '#' + css(`item-${q.domId}`);
const inputSel = q => '#' + css(q.domId);
const LIST = '#lhc-tools-searchResults';
const MORE = '#lhc-tools-moreResults';

// listTexts returns the option texts of the open list, without the
// "1:" numbering LHC-Forms puts before each.
async function listTexts(page) {
  return page.$$eval(`${LIST} li`, lis => lis.map(li => {
    const c = li.cloneNode(true);
    c.querySelectorAll('.listNum').forEach(n => n.remove());
    return c.textContent.replace(/\s+/g, ' ').trim();
  }));
}

async function closeList(page) {
  await page.keyboard.press('Escape');
  await page.waitForFunction(sel => {
    const l = document.querySelector(sel);
    return !l || getComputedStyle(l).visibility !== 'visible';
  }, { timeout: STEP_TIMEOUT_MS }, LIST);
}

async function openList(page, q) {
  const input = await page.waitForSelector(inputSel(q), { visible: true, timeout: STEP_TIMEOUT_MS });
  await input.evaluate(e => e.scrollIntoView({ block: 'center' }));
  await input.click();
  await page.waitForSelector(`${LIST} li`, { visible: true, timeout: STEP_TIMEOUT_MS });
  // A long list shows its first entries and "See more items": show all.
  const more = await page.$(`${MORE}`);
  if (more && await more.evaluate(e => getComputedStyle(e).display !== 'none')) {
    const n = (await page.$$(`${LIST} li`)).length;
    await more.click();
    await page.waitForFunction((sel, n) => document.querySelectorAll(sel).length > n, { timeout: STEP_TIMEOUT_MS }, `${LIST} li`, n);
  }
}

// pick clicks the list entry whose text is want.
async function pick(page, linkId, want) {
  const lis = await page.$$(`${LIST} li`);
  const texts = await listTexts(page);
  const i = texts.indexOf(want);
  if (i < 0) throw new Error(`question ${linkId}: option ${JSON.stringify(want)} is not in the form's list (${JSON.stringify(texts)})`);
  await lis[i].click();
}

// survey records a shown question's label and its list, once.
async function survey(page, q, into) {
  if (into[q.linkId]) return;
  const text = await page.$eval(`${itemSel(q)} .question`, e => e.textContent.replace(/\s+/g, ' ').trim()).catch(() => null);
  await openList(page, q);
  into[q.linkId] = { text, options: await listTexts(page) };
  await closeList(page);
}

async function answer(page, q, codes) {
  const display = code => {
    const o = q.options.find(o => o.code === code);
    if (!o) throw new Error(`question ${q.linkId}: the questionnaire has no option ${JSON.stringify(code)}`);
    return o.display;
  };
  try {
    await page.waitForSelector(itemSel(q), { visible: true, timeout: STEP_TIMEOUT_MS });
  } catch (_) {
    throw new Error(`question ${q.linkId} is answered in this fill but the form does not show it after the answers before it`);
  }
  for (const code of codes) {
    await openList(page, q);
    await pick(page, q.linkId, display(code));
    await closeList(page);
  }
  // Moving on from the field, as a person does: the field commits its
  // value when it loses focus.
  await page.$eval(inputSel(q), e => e.blur());
}

// state reads what the form shows after filling: the questions shown and
// the options shown as chosen (the chips of a multiple-choice list, the
// text of a single-choice field).
async function state(page, qs) {
  const raw = await page.evaluate(() => {
    const out = [];
    document.querySelectorAll('lhc-item.lhc-item-question').forEach(el => {
      if (!el.id.startsWith('item-') || !el.offsetParent) return;
      const input = el.querySelector('input[role=combobox]');
      const chips = [...el.querySelectorAll('.autocomp_selected li')].map(li => {
        const c = li.cloneNode(true);
        c.querySelectorAll('button').forEach(b => b.remove());
        return c.textContent.replace(/\s+/g, ' ').trim();
      });
      out.push({ domId: el.id.slice('item-'.length), chips, value: input ? input.value.trim() : '' });
    });
    return out;
  });
  // Display items are lhc-items too: only questions are reported.
  const visible = [];
  const selected = {};
  for (const r of raw) {
    const q = qs.find(q => q.domId === r.domId);
    if (!q) continue;
    visible.push(q.linkId);
    const vals = q.repeats ? r.chips : (r.value ? [r.value] : []);
    if (vals.length) selected[q.linkId] = vals;
  }
  return { visible, selected };
}

async function main() {
  const [qPath, fillsPath, outPath] = process.argv.slice(2);
  if (!outPath || process.argv.length !== 5) usage('three arguments needed');
  let q, fills;
  try {
    q = JSON.parse(fs.readFileSync(qPath, 'utf8'));
    fills = JSON.parse(fs.readFileSync(fillsPath, 'utf8'));
  } catch (e) { usage(e.message); }
  if (q.resourceType !== 'Questionnaire' || !Array.isArray(fills)) usage('want a Questionnaire and a list of fills');
  const qs = questions(q);

  const srv = await serve();
  const origin = `http://127.0.0.1:${srv.address().port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lforms-roundtrip-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const out = { formText: '', survey: {}, fills: [], blocked: [] };
  const pageErrors = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.setRequestInterception(true);
    page.on('request', r => {
      const u = r.url();
      if (u.startsWith(origin + '/') || u.startsWith('data:')) return r.continue();
      out.blocked.push(u);
      return r.abort('blockedbyclient');
    });
    page.on('pageerror', e => pageErrors.push(e.message));

    // The page and lforms load once; each fill gets a new form element
    // (addFormToPage replaces the container's content), so no state
    // carries from one fill to the next.
    await page.goto(origin + '/', { waitUntil: 'load' });
    await page.waitForFunction(() => window.LForms && LForms.Util && LForms.Util.addFormToPage, { timeout: 60000 });
    const render = async () => {
      await page.evaluate(q => LForms.Util.addFormToPage(q, 'form', {}), q);
      await page.waitForSelector('#form lhc-item', { timeout: 60000 });
      await page.evaluate(() => window.scrollTo(0, 0));
    };
    trace('browser up');
    for (const [n, fill] of fills.entries()) {
      await render();
      trace('rendered for', fill.id);
      if (n === 0) out.formText = await page.$eval('#form', e => e.innerText);
      for (const qu of qs) {
        // Every question the form shows has its list looked at once,
        // before anything is chosen in it.
        const shown = await page.$(itemSel(qu)).then(h => h && h.evaluate(e => !!e.offsetParent));
        if (shown && !out.survey[qu.linkId]) { await survey(page, qu, out.survey); trace('surveyed', qu.linkId); }
        const codes = fill.answers[qu.linkId];
        if (codes && codes.length) { await answer(page, qu, codes); trace('answered', qu.linkId); }
      }
      const unknown = Object.keys(fill.answers).filter(id => !qs.some(qu => qu.linkId === id));
      if (unknown.length) throw new Error(`fill ${fill.id}: no such questions in the questionnaire: ${unknown.join(', ')}`);
      trace('filled', fill.id);
      const st = await state(page, qs);
      trace('state read', fill.id);
      // The form updates its data asynchronously after the last choice:
      // wait (a few seconds at most) until every question answered has
      // answers in it, then export. Whether they are the right ones is
      // the caller's check.
      const answered = Object.keys(fill.answers).filter(id => fill.answers[id].length);
      await page.waitForFunction(ids => {
        const qr = LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', '#form');
        const have = new Set();
        const walk = items => (items || []).forEach(it => {
          if (it.answer && it.answer.length) have.add(it.linkId);
          walk(it.item);
          (it.answer || []).forEach(a => walk(a.item));
        });
        walk(qr && qr.item);
        return ids.every(id => have.has(id));
      }, { timeout: 5000, polling: 100 }, answered).catch(() => process.stderr.write(`roundtrip.js: fill ${fill.id}: the form's data still lacks answers after 5 s; exporting what it has\n`));
      const response = await page.evaluate(subject =>
        LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', '#form', subject ? { subject } : undefined), fill.subject || null);
      out.fills.push({ id: fill.id, visible: st.visible, selected: st.selected, response });
      trace('exported', fill.id);
    }
    if (pageErrors.length) throw new Error('errors in the page:\n' + pageErrors.join('\n'));
  } finally {
    trace('closing');
    await browser.close();
    trace('closed');
    srv.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  fs.writeFileSync(outPath, JSON.stringify(out, null, 2));
}

main().catch(e => {
  process.stderr.write(`roundtrip.js: ${e && e.stack || e}\n`);
  process.exit(1);
});
