// Hover cards on the sample article inside a real VS Code, read as VS Code hands them out
// (vscode.executeHoverProvider): which annotation comes first, notes and origin, short lists
// with a working "show all", demand links, a response's demand near the top, near-identical
// spans (a33/a34) in the hover and in the Problems view; and every link followed selects its span.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { openArticle, waitFor } from './helpers';
import { removeFiles, writeText } from './workspaceFiles';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const NOTED = 'hover-noted.txt';
const HOSTILE = 'hover-hostile.txt';
/** Markup, HTML and a link in every field a card shows or links by: ids, names, summaries, notes. */
const EVIL = '**b** <img src=x onerror=alert(1)> [x](command:workbench.action.quit) ")';
const EVIL_ID = 'e)"[x](command:workbench.action.quit)';

/** The hover's Markdown parts, in order (one per card). */
async function hoverParts(doc: vscode.TextDocument, offset: number): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset))) ?? [];
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''));
}

/** Markdown escapes punctuation with backslashes; compare what a person reads. */
const unescape = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

interface Link {
  label: string;
  command: string;
  args: unknown[];
}

/** Every command link of a card: its (unescaped) label, command and decoded arguments. */
function linksOf(md: string): Link[] {
  return [...md.matchAll(/\[((?:\\.|[^\]\\])*)\]\(command:([\w.]+)\?([^\s)]*)(?: "[^"]*")?\)/g)].map((m) => ({
    label: unescape(m[1]),
    command: m[2],
    args: JSON.parse(decodeURIComponent(m[3])) as unknown[],
  }));
}

async function follow(link: Link): Promise<void> {
  await vscode.commands.executeCommand(link.command, ...link.args);
}

function selected(): [number, number] {
  const editor = vscode.window.activeTextEditor!;
  return [editor.document.offsetAt(editor.selection.start), editor.document.offsetAt(editor.selection.end)];
}

/** Wraps window.showQuickPick for one call: records what it was shown, answers with `choose`. */
function answerQuickPick(choose: (items: vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined) {
  const w = vscode.window as unknown as Record<string, unknown>;
  const original = w.showQuickPick;
  const shown: { items: vscode.QuickPickItem[]; options?: vscode.QuickPickOptions } = { items: [] };
  w.showQuickPick = async (items: vscode.QuickPickItem[] | Thenable<vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
    w.showQuickPick = original;
    shown.items = await items;
    shown.options = options;
    return choose(shown.items);
  };
  return { shown, restore: () => (w.showQuickPick = original) };
}

describe('Hover cards: who said what at a glance', function () {
  this.timeout(30_000);
  let doc: vscode.TextDocument;
  let text: string;

  before(async () => {
    ({ doc } = await openArticle(ARTICLE));
    text = doc.getText();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeFiles(NOTED, NOTED + '.annotations.yaml', HOSTILE, HOSTILE + '.annotations.yaml');
  });

  it("a quote's hover says which quote it is before the speaker's card", async () => {
    const [first, second] = await hoverParts(doc, text.indexOf('a positive and constructive meeting') + 3);
    assert.deepEqual(unescape(first).split(/ {2}\n|\n\n/).filter(Boolean), ['**Quote a7** · Jeremy Corbyn · line 13', 'Origin: manual (marked by hand)']);
    assert.match(unescape(second), /^\*\*Jeremy Corbyn\*\* · person · Leader of the Labour Party\n\nQuoted 7 times, mentioned 2 times in this article {2}\n/);
  });

  it('lists three quotes, then a "show all" that opens all seven and selects the one picked', async () => {
    const card = (await hoverParts(doc, text.indexOf('a positive and constructive meeting') + 3))[1];
    const quotes = unescape(card).split('**Quotes in this article (7)**')[1].split('\n\n**')[0];
    assert.equal(quotes.match(/^- \[line \d+\]/gm)?.length, 3, quotes);
    assert.match(quotes, /^- … and 4 more · \[show all 7\]\(command:attributionLens\.showCardList\?/m);
    const showAll = linksOf(card).find((l) => l.label === 'show all 7')!;
    assert.deepEqual(showAll.args, [doc.uri.toString(), 'speaker', 'corbyn', 'quotes']);
    const pick = answerQuickPick((items) => items[4]);
    try {
      await follow(showAll);
    } finally {
      pick.restore();
    }
    assert.equal(pick.shown.items.length, 7);
    assert.equal(pick.shown.options?.title, 'Jeremy Corbyn: Quotes in this article (7)');
    assert.deepEqual(pick.shown.items.map((i) => i.description), ['line 13', 'line 55', 'line 55', 'line 57', 'line 57', 'line 59', 'line 61']);
    const fifth = text.indexOf(pick.shown.items[4].label.replace(/^“|…”$/g, ''));
    assert.ok(fifth > 0, pick.shown.items[4].label);
    const [start, end] = selected();
    assert.equal(start, fifth, 'the picked quote is selected');
    assert.ok(end > start && end - start > pick.shown.items[4].label.length - 4, 'the whole span, not the cursor alone');
  });

  it('a quote link selects the quote', async () => {
    const card = (await hoverParts(doc, text.indexOf('Jeremy Corbyn') + 3)).find((p) => p.startsWith('**Jeremy Corbyn**'))!;
    const line13 = linksOf(card).find((l) => l.label === 'line 13')!;
    assert.equal(line13.command, 'attributionLens.revealOffset');
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(0, 0, 0, 0) });
    await follow(line13);
    assert.deepEqual(selected(), [1358, 1423]);
    assert.equal(vscode.window.activeTextEditor!.document.getText(vscode.window.activeTextEditor!.selection), text.slice(1358, 1423));
  });

  it("demands in a speaker's card are links that select where the demand is stated", async () => {
    const card = (await hoverParts(doc, text.indexOf('Jeremy Corbyn') + 3)).find((p) => p.startsWith('**Jeremy Corbyn**'))!;
    assert.match(unescape(card), /\*\*Demands addressed to them \(5\)\*\*\n\n- \[A fixed timetable to deal with antisemitism cases\]\(command:attributionLens\.revealOffset\?[^)]*\) \(not agreed\)\n/);
    const link = linksOf(card).find((l) => l.label === 'No MP shares a platform with anyone expelled or suspended for antisemitism')!;
    await follow(link);
    assert.deepEqual(selected(), [361, 451]);
  });

  it('on a response, the demand it answers is on the second line, and its link selects the demand', async () => {
    const parts = await hoverParts(doc, text.indexOf('agreement that elected officials') + 3);
    const lines = unescape(parts[0]).split(/ {2}\n|\n\n/);
    assert.equal(lines[0], '**Response a14** · Labour sources · partly agrees · line 17');
    assert.match(lines[1], /^Answers: \[No MP shares a platform with anyone expelled or suspended for antisemitism\]\(command:attributionLens\.revealOffset\?[^)]*\) \(not agreed\)$/);
    await follow(linksOf(parts[0])[0]);
    assert.deepEqual(selected(), [361, 451]);
  });

  it('a33 and a34 are flagged as near-identical in the hover, with a link selecting the other', async () => {
    const parts = await hoverParts(doc, 4260);
    const [a33, a34] = parts.map(unescape);
    assert.match(a33, /^\*\*Demand span a33\*\*/);
    assert.match(a33, /⚠ Near-identical to \[demand a34\]\(command:attributionLens\.revealOffset\?[^)]*\) \(line 33; 93% of their words shared, same demand\): probably marked twice, keep one/);
    assert.match(a34, /^\*\*Demand span a34\*\*[\s\S]*Near-identical to \[demand a33\]/);
    await follow(linksOf(parts[0]).find((l) => l.label === 'demand a34')!);
    assert.deepEqual(selected(), [4255, 4322]);
  });

  it('a33 and a34 are one Information entry in the Problems view, naming both ids', async () => {
    const near = await waitFor('the near-identical diagnostic', () => {
      const found = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.code === 'near-identical');
      return found.length ? found : undefined;
    });
    assert.equal(near.length, 1, near.map((d) => d.message).join('; '));
    const [d] = near;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(d.source, 'Attribution Lens');
    assert.equal(d.message, 'a33 and a34 are near-identical demand spans (93% of their words shared, same demand): probably marked twice; keep one.');
    assert.deepEqual([doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)], [4255, 4322]);
    assert.deepEqual(
      d.relatedInformation?.map((r) => [doc.offsetAt(r.location.range.start), doc.offsetAt(r.location.range.end), r.message.split(':')[0]]),
      [[4250, 4322, 'a33'], [4255, 4322, 'a34']],
    );
  });

  it("an annotation's note and a suggested origin are in the editor hover; a mended overlap leaves the Problems view", async () => {
    const body = 'Ann said "we will win" on Tuesday.\n';
    const sidecar = (twin: boolean) =>
      [
        'version: 1',
        'speakers:',
        '  ann: { name: Ann, kind: person }',
        'annotations:',
        '  - { id: q1, type: quote, speaker: ann, start: 9, end: 22, note: "Check the date with the desk", origin: suggested }',
        ...(twin ? ['  - { id: q2, type: quote, speaker: ann, start: 10, end: 21 }'] : []),
        '',
      ].join('\n');
    await writeText(NOTED, body);
    await writeText(NOTED + '.annotations.yaml', sidecar(true));
    const { doc: noted, api } = await openArticle(NOTED);
    const parts = (await hoverParts(noted, 15)).map(unescape);
    assert.match(parts[0], /^\*\*Quote q1\*\* · Ann · line 1\n\nNote: Check the date with the desk {2}\nOrigin: suggested \(an accepted suggestion\) {2}\n⚠ Near-identical to \[quote q2\]/);
    await waitFor('the overlap in the Problems view', () => vscode.languages.getDiagnostics(noted.uri).some((d) => d.code === 'near-identical'));
    await writeText(NOTED + '.annotations.yaml', sidecar(false));
    await api.load(noted);
    await waitFor('the overlap gone', () => !vscode.languages.getDiagnostics(noted.uri).some((d) => d.code === 'near-identical'));
    assert.doesNotMatch((await hoverParts(noted, 15)).join('\n'), /Near-identical/);
  });

  it('hostile ids, names, summaries and notes stay text: the only links are ours, and their arguments round-trip', async () => {
    const body = 'Eve said "one" and "two" and "three" and "four" and asked for peace.\n';
    const quote = (n: number, word: string) => {
      const start = body.indexOf(`"${word}"`);
      return `  - ${JSON.stringify({ id: `${EVIL_ID}${n}`, type: 'quote', speaker: EVIL_ID, start, end: start + word.length + 2, note: EVIL })}`;
    };
    const ask = body.indexOf('peace');
    const sidecar = [
      'version: 1',
      'speakers:',
      `  ${JSON.stringify(EVIL_ID)}: ${JSON.stringify({ name: EVIL, kind: 'person', role: EVIL, note: EVIL })}`,
      'demands:',
      `  ${JSON.stringify(EVIL_ID)}: ${JSON.stringify({ summary: EVIL, by: [EVIL_ID], to: [EVIL_ID], note: EVIL })}`,
      'annotations:',
      quote(1, 'one'),
      quote(2, 'two'),
      quote(3, 'three'),
      quote(4, 'four'),
      `  - ${JSON.stringify({ id: EVIL_ID + 'd', type: 'demand', demand: EVIL_ID, start: ask, end: ask + 5 })}`,
      '',
    ].join('\n');
    await writeText(HOSTILE, body);
    await writeText(HOSTILE + '.annotations.yaml', sidecar);
    const { doc: hostile, api } = await openArticle(HOSTILE);
    assert.equal(api.annotations(hostile).length, 5, 'every annotation placed');
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', hostile.uri, hostile.positionAt(body.indexOf('one')))) ?? [];
    const cards = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'isTrusted' in c);
    assert.equal(cards.length, 2, 'the quote, then its speaker');
    const md = new MarkdownIt('commonmark');
    const allowed = ['attributionLens.revealOffset', 'attributionLens.showCardList'];
    for (const card of cards) {
      assert.equal(card.supportHtml, false);
      assert.deepEqual((card.isTrusted as { enabledCommands: string[] }).enabledCommands, allowed);
      const rendered = md.render(card.value);
      // Only our own markup: paragraphs, emphasis, lists, rules, line breaks, links, and images
      // only as data URIs (the legend's colour swatch, which the legend change adds).
      for (const tag of rendered.match(/<\/?([a-z0-9]+)/gi) ?? []) assert.match(tag, /^<\/?(p|strong|em|ul|li|hr|br|a|img)$/, rendered);
      for (const [, src] of rendered.matchAll(/<img src="([^"]*)"/g)) assert.match(src, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/, rendered);
      for (const [, href] of rendered.matchAll(/<a href="([^"]*)"/g)) {
        const [, command, args] = /^command:([\w.]+)\?(.*)$/.exec(href.replace(/&amp;/g, '&')) ?? [];
        assert.ok(allowed.includes(command), href);
        assert.ok(Array.isArray(JSON.parse(decodeURIComponent(args))), href);
      }
    }
    const [own, speaker] = cards.map((c) => c.value);
    const readText = (m: string) => md.render(m).replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.ok(readText(own).includes(`Quote ${EVIL_ID}1 · ${EVIL} · line 1`), readText(own));
    assert.ok(readText(own).includes(`Note: ${EVIL}`));
    assert.ok(readText(speaker).includes(`${EVIL} · person · ${EVIL}`));
    // The demand's summary is a link label, read as the text it is, selecting the demand span.
    const demand = linksOf(speaker).find((l) => l.label === EVIL)!;
    assert.ok(demand, speaker);
    await follow(demand);
    assert.deepEqual(selected(), [ask, ask + 5]);
    // "show all" carries the hostile speaker id as data, and opens the speaker's four quotes.
    const showAll = linksOf(speaker).find((l) => l.command === 'attributionLens.showCardList')!;
    assert.deepEqual(showAll.args, [hostile.uri.toString(), 'speaker', EVIL_ID, 'quotes']);
    const pick = answerQuickPick((items) => items[3]);
    try {
      await follow(showAll);
    } finally {
      pick.restore();
    }
    assert.deepEqual(pick.shown.items.map((i) => i.label), ['“"one"”', '“"two"”', '“"three"”', '“"four"”']);
    assert.deepEqual(selected(), [body.indexOf('"four"'), body.indexOf('"four"') + 6]);
  });
});
