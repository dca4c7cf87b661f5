// Switching highlights on and off: a command per kind and one for all, a multi-select behind a
// status-bar entry that says what is shown. The state lives in the attributionLens.highlight.*
// settings that the decorations already read: one source of truth, shown in the Settings UI,
// remembered across windows (a toggle is the user's way of reading, like View: Toggle Minimap),
// and written where its value is set now, so a workspace that pins a value is changed there
// instead of being silently overridden.
import * as vscode from 'vscode';
import { HIGHLIGHT_KINDS, HIGHLIGHT_NAMES, HighlightFlags, highlightSummary } from '../core/highlightFilter';
import { ArticleStore } from './articleStore';
import { Commands } from './commandIds';
import { Config, SECTION } from './config';

type Flag = keyof HighlightFlags;

/** The setting behind each flag (package.json contributes them). */
export const HIGHLIGHT_SETTINGS: Record<Flag, string> = {
  quote: 'highlight.quotes',
  mention: 'highlight.mentions',
  aliases: 'highlight.aliases',
  demand: 'highlight.demands',
  response: 'highlight.responses',
  enabled: 'highlight.enabled',
  aliasesInQuotes: 'highlight.aliasesInQuotes',
};

/** Sets one flag (flips it when `value` is not a boolean), where its setting is set now. */
export async function setHighlight(config: () => Config, flag: Flag, value?: unknown): Promise<void> {
  const next = typeof value === 'boolean' ? value : !config().highlight[flag];
  // Switching a kind on while everything is off would show nothing: switch everything on too.
  if (next && flag !== 'enabled' && flag !== 'aliasesInQuotes' && !config().highlight.enabled) await write('enabled', true);
  await write(flag, next);
}

async function write(flag: Flag, value: boolean): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  const key = HIGHLIGHT_SETTINGS[flag];
  const where = c.inspect(key);
  const target =
    where?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
    : where?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await c.update(key, value, target);
}

/** Toggles all highlights: off keeps every kind's choice for when they come back. */
export async function toggleAllHighlights(config: () => Config, value?: unknown): Promise<void> {
  const h = config().highlight;
  const shown = h.enabled && HIGHLIGHT_KINDS.some((k) => h[k]);
  const next = typeof value === 'boolean' ? value : !shown;
  // On again with every kind switched off would still show nothing: then all kinds come on.
  if (next && !HIGHLIGHT_KINDS.some((k) => h[k])) for (const k of HIGHLIGHT_KINDS) await write(k, true);
  await write('enabled', next);
}

/** The multi-select behind the status-bar entry: every kind, checked when shown. */
export async function chooseHighlights(config: () => Config): Promise<void> {
  const h = config().highlight;
  const flags: Flag[] = [...HIGHLIGHT_KINDS, 'aliasesInQuotes'];
  const items = flags.map((flag) => ({ label: HIGHLIGHT_NAMES[flag as keyof typeof HIGHLIGHT_NAMES], picked: h.enabled ? h[flag] : false, flag }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Attribution Lens: Highlights',
    placeHolder: 'Check what to highlight (Space checks or unchecks, Enter applies)',
  });
  if (!picked) return;
  const on = new Set(picked.map((p) => p.flag));
  for (const flag of flags) if (h[flag] !== on.has(flag)) await write(flag, on.has(flag));
  const any = HIGHLIGHT_KINDS.some((k) => on.has(k));
  if (h.enabled !== any) await write('enabled', any);
}

/** The status-bar entry: what is highlighted, for an annotated article; a click opens the choice. */
export class HighlightStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('attributionLens.highlights', vscode.StatusBarAlignment.Right, 99);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly store: ArticleStore,
    private readonly config: () => Config,
    onSettings: vscode.Event<unknown>,
  ) {
    this.item.name = 'Attribution Lens Highlights';
    this.item.command = Commands.chooseHighlights;
    this.disposables.push(
      store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      onSettings(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.store.get(editor.document.uri)?.model) {
      this.item.hide();
      return;
    }
    const h = this.config().highlight;
    const summary = highlightSummary(h);
    this.item.text = `$(${summary.off ? 'eye-closed' : 'eye'}) ${summary.text}`;
    const hidden = HIGHLIGHT_KINDS.filter((k) => !h[k]).map((k) => HIGHLIGHT_NAMES[k].toLowerCase());
    const said = summary.off ? 'all highlights are off' : summary.all ? 'every kind of highlight is shown' : `hidden: ${hidden.join(', ')}`;
    this.item.accessibilityInformation = { label: `Attribution Lens highlights: ${said}`, role: 'button' };
    this.item.tooltip = `Attribution Lens highlights: ${said}. Click to choose what to highlight.`;
    this.item.show();
  }

  /** What the entry shows (tests read it through the API). */
  shown(): { text: string; tooltip: string; visible: boolean } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), visible: this.visible };
  }

  private get visible(): boolean {
    const editor = vscode.window.activeTextEditor;
    return !!editor && !!this.store.get(editor.document.uri)?.model;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
