// "Export Annotations…": a format, then a destination, for the active article or for every
// annotated article in a folder (with progress and cancel), then a summary of what was written
// and what was skipped and why (details, with sidecar file:line:column, in the output channel).
import * as vscode from 'vscode';
import { forLog, forMessage } from '../../core/displayText';
import { exporters } from '../../core/export';
import { ArticleInput, ExportFile, ExportFormat } from '../../core/export/types';
import { Problem } from '../../core/sidecar';
import { baseIriProblem } from '../../core/pipeline/baseIri';
import { sameContent, writePlan } from '../../core/pipeline/exportWrite';
import { ArticleFinder, ArticleRef } from '../../core/pipeline/find';
import { protect } from '../../core/pipeline/protect';
import { outKind, OutKind, planTargets, proposedExportPath, targetsIn } from '../../core/pipeline/targets';
import { ArticleStore } from '../articleStore';
import { Config } from '../config';
import { findAnnotatedArticles, liveArticleInput, readArticleInput, Skipped } from '../exportInputs';
import { WorkspaceHost } from '../workspaceHost';

/** Arguments that skip the pickers: for tests, keybindings and other extensions. */
export interface ExportArgs {
  format?: ExportFormat;
  /** CSV only: a UTF-8 byte-order mark, for Excel. */
  bom?: boolean;
  /** Export every annotated article in this folder (path or URI) instead of the active article. */
  folder?: string | vscode.Uri;
  /**
   * Where to write, with no overwrite question: a folder for html, brat and w3c; for json, csv and
   * markdown a file when it ends in .json, .csv, .md or .markdown or is an existing file, else a
   * folder (the CLI's --out rule).
   */
  target?: string | vscode.Uri;
  /** W3C only: the base IRI of the articles, instead of the attributionLens.export.w3cBaseIri setting; "" for their own URIs. */
  baseIri?: string;
}

export interface ExportResult {
  written: vscode.Uri[];
  skipped: { file: string; reason: string }[];
  annotations: number;
  /** Annotations exported as needing review (not on the text any more). */
  review: number;
}

export interface ExportDeps {
  store: ArticleStore;
  config: () => Config;
  output: vscode.OutputChannel;
  workspaceState: vscode.Memento;
}

interface FormatPick extends vscode.QuickPickItem {
  format: ExportFormat;
  bom?: boolean;
}

const FORMATS: FormatPick[] = [
  { format: 'csv', label: 'CSV', description: '.csv', detail: 'One row per annotation, for spreadsheets and scripts' },
  { format: 'csv', bom: true, label: 'CSV for Excel', description: '.csv, UTF-8 with byte-order mark', detail: 'Excel opens it with accents and quotation marks intact' },
  { format: 'json', label: 'JSON', description: '.json', detail: 'Every annotation with its speaker and demand inline, with line and column' },
  { format: 'markdown', label: 'Markdown report', description: '.md', detail: 'Per speaker their quotes; per demand who made it, its status and the responses' },
  { format: 'html', label: 'HTML report', description: '.html', detail: 'One self-contained page: the article highlighted, a speaker index, the demands table and a chart' },
  { format: 'brat', label: 'brat standoff', description: '.ann + .txt', detail: 'For brat and the tools that read its format (code-point offsets)' },
  { format: 'w3c', label: 'W3C Web Annotation', description: '.jsonld', detail: 'JSON-LD with text-quote and text-position selectors, for Hypothesis-style tools' },
];
const LAST_FORMAT_KEY = 'attributionLens.export.lastFormat';

export async function exportCommand(deps: ExportDeps, arg?: ExportArgs | vscode.Uri): Promise<ExportResult | undefined> {
  // From the Explorer's context menu VS Code passes the clicked file or folder.
  const args: ExportArgs = arg instanceof vscode.Uri ? await argsForUri(arg) : (arg ?? {});
  const activeDoc = vscode.window.activeTextEditor?.document;
  const activeArticle = activeDoc && deps.store.get(activeDoc.uri)?.model ? activeDoc : undefined;

  let folder = toUri(args.folder);
  if (!folder && !activeArticle) {
    folder = await pickFolder('Export the annotated articles in this folder', 'Choose Folder');
    if (!folder) return undefined;
  } else if (!folder && !args.format && !args.target && activeArticle) {
    const scope = await vscode.window.showQuickPick(
      [
        { label: `$(file) ${forMessage(vscode.workspace.asRelativePath(activeArticle.uri))}`, description: 'this article', folder: false },
        { label: '$(folder) Every annotated article in a folder…', description: '', folder: true },
      ],
      { title: 'Export Annotations: what to export' },
    );
    if (!scope) return undefined;
    if (scope.folder) {
      folder = await pickFolder('Export the annotated articles in this folder', 'Choose Folder', activeArticle.uri);
      if (!folder) return undefined;
    }
  }

  const format = args.format ? FORMATS.find((f) => f.format === args.format && !!f.bom === !!args.bom) : await pickFormat(deps.workspaceState);
  if (!format) return undefined;
  if (!exporters[format.format]) {
    void vscode.window.showErrorMessage(forMessage(`Attribution Lens: the ${format.label} format is not available in this version.`));
    return undefined;
  }

  const baseIri = format.format === 'w3c' ? w3cBaseIri(args, folder ?? activeArticle!.uri) : undefined;
  if (baseIri === null) return undefined;
  const collected = folder ? await collectFolder(deps, folder) : collectActive(deps.store, activeArticle!);
  if (!collected) return undefined; // cancelled, or already explained
  const { inputs, skipped, problems, base, refs } = collected;
  const result: ExportResult = {
    written: [],
    skipped: skipped.map((s) => ({ file: vscode.workspace.asRelativePath(s.file), reason: s.reason })),
    annotations: inputs.reduce((n, a) => n + a.placed.length + a.orphans.length, 0),
    review: inputs.reduce((n, a) => n + a.orphans.length, 0),
  };
  logDetails(deps.output, format, skipped, problems);
  if (inputs.length === 0) {
    const why = skipped.length ? `all ${skipped.length} skipped (see the output for why)` : 'none found';
    const choice = await vscode.window.showWarningMessage(forMessage(`Attribution Lens: nothing exported: annotated articles in ${vscode.workspace.asRelativePath(base)}: ${why}.`), ...(skipped.length ? ['Show Details'] : []));
    if (choice) deps.output.show(true);
    return result;
  }

  let files: ExportFile[];
  try {
    files = exporters[format.format]!(inputs, { bom: format.bom, name: 'annotations', baseIri });
  } catch (e) {
    void vscode.window.showErrorMessage(forMessage(`Attribution Lens: the ${format.label} export failed: ${e instanceof Error ? e.message : String(e)}`));
    return undefined;
  }
  const chosen = await chooseTarget(files, base, format, args.target, refs.length === 1 ? refs[0] : undefined);
  if (!chosen) return undefined;
  // The pipeline's rules, as in the CLI: inside the chosen folder, never over an article or a
  // sidecar (by file identity, through links too), each file written atomically.
  const host = new WorkspaceHost(chosen.uri);
  const plan = chosen.kind === 'file' ? planTargets(files, chosen.uri.path, 'file') : targetsIn(chosen.uri.path, files);
  if ('error' in plan) {
    void vscode.window.showErrorMessage(forMessage(`Attribution Lens: not exported: ${plan.error}`));
    return undefined;
  }
  if (chosen.confirm && !(await confirmReplace(host, plan.targets))) return undefined;
  const onHost = refs.flatMap((r): ArticleRef[] => {
    const article = host.pathOf(r.article);
    const sidecar = host.pathOf(r.sidecar);
    return article !== undefined && sidecar !== undefined ? [{ article, sidecar }] : [];
  });
  const protection = await protect(host, new ArticleFinder(host, deps.config().sidecarPattern), onHost);
  for (const o of await writePlan(host, plan, protection, new Set(onHost.map((r) => r.article)))) {
    if (o.status === 'written') result.written.push(host.uri(o.dest));
    else if (o.status === 'kept') deps.output.appendLine(`kept ${vscode.workspace.asRelativePath(host.uri(o.dest))}: ${o.reason}`);
    else if (o.status !== 'unchanged') result.skipped.push({ file: vscode.workspace.asRelativePath(host.uri(o.dest)), reason: `not written: ${o.reason}` });
  }
  for (const uri of result.written) deps.output.appendLine(forLog(`wrote ${vscode.workspace.asRelativePath(uri)}`));
  void summarize(deps.output, format, inputs.length, result);
  return result;
}

async function argsForUri(uri: vscode.Uri): Promise<ExportArgs> {
  const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
  if (stat && stat.type & vscode.FileType.Directory) return { folder: uri };
  // A file: make it the active article (the command then exports it).
  await vscode.window.showTextDocument(uri, { preview: true });
  return {};
}

const BASE_IRI_SETTING = 'attributionLens.export.w3cBaseIri';

/** The base IRI to export under (undefined: the articles' own URIs); null when it is unusable, said so. */
function w3cBaseIri(args: ExportArgs, scope: vscode.Uri): string | undefined | null {
  const fromArgs = args.baseIri !== undefined;
  // Either may hold anything: settings.json and other extensions are not type-checked.
  const raw: unknown = fromArgs ? args.baseIri : vscode.workspace.getConfiguration(undefined, scope).get(BASE_IRI_SETTING);
  const base = typeof raw === 'string' ? raw.trim() : raw;
  if (base === undefined || base === null || base === '') return undefined;
  const problem = typeof base === 'string' ? baseIriProblem(base) : `${JSON.stringify(base)} is not a string`;
  if (problem === undefined && typeof base === 'string') return base;
  const where = fromArgs ? 'the baseIri argument' : `the setting ${BASE_IRI_SETTING}`;
  void vscode.window
    .showErrorMessage(`Attribution Lens: not exported: ${where}: ${problem}.`, ...(fromArgs ? [] : ['Open Settings']))
    .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', BASE_IRI_SETTING));
  return null;
}

function toUri(value: string | vscode.Uri | undefined): vscode.Uri | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? (/^[a-z][\w+.-]+:\//i.test(value) ? vscode.Uri.parse(value, true) : vscode.Uri.file(value)) : value;
}

async function pickFolder(title: string, openLabel: string, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const defaultUri = near ? vscode.Uri.joinPath(near, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({ title, openLabel, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri });
  return picked?.[0];
}

async function pickFormat(state: vscode.Memento): Promise<FormatPick | undefined> {
  const last = state.get<string>(LAST_FORMAT_KEY);
  const items = FORMATS.filter((f) => exporters[f.format]);
  const lastIndex = items.findIndex((f) => `${f.format}${f.bom ? '+bom' : ''}` === last);
  // The last format used comes first, so exporting again is Enter, Enter.
  if (lastIndex > 0) items.unshift(...items.splice(lastIndex, 1));
  const pick = await vscode.window.showQuickPick(items, { title: 'Export Annotations: format', matchOnDescription: true, matchOnDetail: true });
  if (pick) await state.update(LAST_FORMAT_KEY, `${pick.format}${pick.bom ? '+bom' : ''}`);
  return pick;
}

interface Collected {
  inputs: ArticleInput[];
  skipped: Skipped[];
  /** Warnings to show beside the export, per sidecar (annotations that need review). */
  problems: { sidecar: vscode.Uri; problems: Problem[] }[];
  /** The folder exported files are named relative to. */
  base: vscode.Uri;
  /** The articles and sidecars exported: never written over. */
  refs: { article: vscode.Uri; sidecar: vscode.Uri }[];
}

function collectActive(store: ArticleStore, doc: vscode.TextDocument): Collected | undefined {
  const state = store.get(doc.uri)!;
  const model = state.model!;
  const errors = model.problems.filter((p) => p.severity === 'error');
  const name = doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1);
  const input = liveArticleInput(store, doc, name);
  if (!input || errors.length) {
    void vscode.window
      .showErrorMessage(
        forMessage(`Attribution Lens: ${vscode.workspace.asRelativePath(state.sidecar)} has ${errors.length || 'unreadable'} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} before exporting, or the export would silently miss annotations.`),
        'Show Problems',
      )
      .then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
    return undefined;
  }
  return {
    inputs: [input],
    skipped: [],
    problems: [{ sidecar: state.sidecar, problems: model.problems }],
    base: vscode.Uri.joinPath(doc.uri, '..'),
    refs: [{ article: doc.uri, sidecar: state.sidecar }],
  };
}

async function collectFolder(deps: ExportDeps, folder: vscode.Uri): Promise<Collected | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: forMessage(`Attribution Lens: reading ${vscode.workspace.asRelativePath(folder)}`), cancellable: true },
    async (progress, token) => {
      const found = await findAnnotatedArticles(folder, deps.config().sidecarPattern, token);
      const collected: Collected = { inputs: [], skipped: [...found.skipped], problems: [], base: folder, refs: found.articles };
      const total = found.articles.length;
      for (const [i, f] of found.articles.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: forMessage(`${i + 1} of ${total}: ${vscode.workspace.asRelativePath(f.article)}`), increment: 100 / Math.max(total, 1) });
        const rel = f.article.path.slice(folder.path.replace(/\/$/, '').length + 1);
        const read = await readArticleInput(deps.store, f, rel);
        if (read.skipped) collected.skipped.push(read.skipped);
        if (read.input) collected.inputs.push(read.input);
        if (read.problems.length) collected.problems.push({ sidecar: f.sidecar, problems: read.problems });
      }
      if (token.isCancellationRequested) {
        void vscode.window.showInformationMessage('Attribution Lens: export cancelled; nothing was written.');
        return undefined;
      }
      return collected;
    },
  );
}

const EXTENSIONS: Record<ExportFormat, string> = { json: 'json', csv: 'csv', markdown: 'md', html: 'html', brat: 'ann', w3c: 'jsonld' };

/**
 * Where the files go: a save dialog for one file, a folder for several. A target given by argument
 * is a file or a folder by the pipeline's rule (the CLI's --out rule).
 */
async function chooseTarget(
  files: ExportFile[],
  base: vscode.Uri,
  format: FormatPick,
  target: string | vscode.Uri | undefined,
  only: Collected['refs'][number] | undefined,
): Promise<{ uri: vscode.Uri; kind: OutKind; confirm?: boolean } | undefined> {
  const given = toUri(target);
  if (given) return { uri: given, kind: await outKind(new WorkspaceHost(given), format.format, given.path, typeof target === 'string' ? target : given.path) };
  if (files.length === 1) {
    const exported = vscode.Uri.joinPath(base, files[0].path);
    const defaultUri = only ? exported.with({ path: proposedExportPath(exported.path, only.article.path, [only.sidecar.path]) }) : exported;
    const uri = await vscode.window.showSaveDialog({
      title: `Export Annotations as ${format.label}`,
      defaultUri,
      filters: { [format.label]: [EXTENSIONS[format.format]] },
      saveLabel: 'Export',
    });
    return uri && { uri, kind: 'file' };
  }
  const folder = await pickFolder(`Export ${files.length} ${format.label} files into this folder`, 'Export Here', vscode.Uri.joinPath(base, 'x'));
  return folder && { uri: folder, kind: 'folder', confirm: true };
}

/** Files in a picked folder that would be replaced by different content: asked first. */
async function confirmReplace(host: WorkspaceHost, targets: readonly { file: ExportFile; dest: string }[]): Promise<boolean> {
  const existing: vscode.Uri[] = [];
  for (const t of targets) if ((await host.stat(t.dest)) && !(await sameContent(host, t.dest, t.file.content))) existing.push(host.uri(t.dest));
  if (!existing.length) return true;
  const names = existing.slice(0, 3).map((u) => vscode.workspace.asRelativePath(u)).join(', ') + (existing.length > 3 ? ', …' : '');
  const ok = await vscode.window.showWarningMessage(forMessage(`${existing.length} of the files exist already (${names}). Replace them?`), { modal: true }, 'Replace');
  return ok === 'Replace';
}

function logDetails(output: vscode.OutputChannel, format: FormatPick, skipped: Skipped[], problems: Collected['problems']): void {
  output.appendLine(`[${new Date().toLocaleTimeString()}] Export as ${format.label}`);
  for (const s of skipped) {
    output.appendLine(forLog(`skipped ${vscode.workspace.asRelativePath(s.file)}: ${s.reason}`));
    for (const p of s.problems ?? []) output.appendLine(`  ${forLog(located(s.file, p))}`);
  }
  for (const { sidecar, problems: list } of problems) for (const p of list) output.appendLine(forLog(located(sidecar, p)));
}

function located(file: vscode.Uri, p: Problem): string {
  return `${vscode.workspace.asRelativePath(file)}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

async function summarize(output: vscode.OutputChannel, format: FormatPick, articles: number, r: ExportResult): Promise<void> {
  const where = r.written.length === 1 ? ` to ${vscode.workspace.asRelativePath(r.written[0])}` : `: ${r.written.length} files written`;
  const review = r.review ? ` ${r.review} annotation${r.review === 1 ? '' : 's'} no longer on the text ${r.review === 1 ? 'is' : 'are'} exported as needing review.` : '';
  const skipped = r.skipped.length ? ` ${r.skipped.length} skipped.` : '';
  const message = `Attribution Lens: exported ${articles} article${articles === 1 ? '' : 's'} (${r.annotations} annotation${r.annotations === 1 ? '' : 's'}) as ${format.label}${where}.${skipped}${review}`;
  const buttons = [...(r.written.length === 1 ? ['Open'] : []), ...(r.skipped.length || r.review ? ['Show Details'] : [])];
  const show = r.skipped.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(forMessage(message), ...buttons);
  if (choice === 'Show Details') output.show(true);
  if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', r.written[0]);
}
