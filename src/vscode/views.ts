// The side bar's Speakers and Demands trees, for the article in the active editor. Article and
// sidecar text only ever becomes plain labels, descriptions and tooltips: never markup or links,
// icons (a label turns "$(name)" into one) or bidi overrides (core/displayText.ts).
import * as vscode from 'vscode';
import { ArticleModel } from '../core/articleModel';
import { firstWords } from '../core/crossRefs';
import { forLines, forMessage } from '../core/displayText';
import { Annotation, Demand, DemandStatus, Speaker, SpeakerKind, Stance } from '../core/model';
import { ArticleStore } from './articleStore';
import { Commands, Views } from './commandIds';
import { EntityRef } from './entities';
import { countsText, emptyCounts, spanCounts } from '../core/legend';
import { plural } from '../core/wording';
import { Config } from './config';
import { speakerSwatches, SwatchIcon } from './swatches';

/** One row of a tree, a snapshot of the model it was built from. */
export interface ViewNode {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  /** Speakers: their colour's swatch; other rows: a ThemeIcon. */
  icon: SwatchIcon;
  article: vscode.Uri;
  /** A speaker or demand with spans: its children are those spans. */
  parent?: EntityRef;
  /** A span: where a click goes. */
  offset?: number;
  /** The span's end: a click selects [offset, end). */
  end?: number;
}

const icon = (id: string, color?: string) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

const KIND_ICON: Record<SpeakerKind, vscode.ThemeIcon> = {
  person: icon('person'),
  organisation: icon('organization'),
  group: icon('comment-discussion'),
  anonymous: icon('question'),
};
const STATUS_ICON: Record<DemandStatus, vscode.ThemeIcon> = {
  open: icon('circle-large-outline'),
  agreed: icon('check', 'charts.green'),
  'partly-agreed': icon('pass', 'charts.yellow'),
  'not-agreed': icon('circle-slash', 'charts.red'),
  deferred: icon('clock', 'charts.blue'),
};
const STANCE_ICON: Record<Stance, vscode.ThemeIcon> = {
  agrees: icon('thumbsup', 'charts.green'),
  'partly-agrees': icon('pass', 'charts.yellow'),
  defers: icon('clock', 'charts.blue'),
  rejects: icon('thumbsdown', 'charts.red'),
  disputes: icon('warning', 'charts.orange'),
};
const TYPE_ICON: Record<Annotation['type'], vscode.ThemeIcon> = {
  mention: icon('mention'),
  quote: icon('quote'),
  demand: icon('megaphone'),
  response: icon('reply'),
};

export class EntityTree implements vscode.TreeDataProvider<ViewNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly store: ArticleStore,
    private readonly kind: EntityRef['kind'],
    private readonly config: () => Config,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    const item = new vscode.TreeItem(forMessage(node.label), node.parent ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    // Ids keep expanded speakers expanded when the model is rebuilt after every edit.
    item.id = node.id;
    item.description = forMessage(node.description);
    // A string tooltip is plain text; a MarkdownString one would render the sidecar's markup.
    item.tooltip = forLines(node.tooltip);
    item.iconPath = node.icon;
    if (node.offset !== undefined) {
      item.command = { command: Commands.revealOffset, title: 'Reveal in Article', arguments: [node.article.toString(), node.offset, node.end] };
    }
    return item;
  }

  getChildren(node?: ViewNode): ViewNode[] {
    if (!node) {
      const article = activeArticle();
      const model = article && this.store.get(article)?.model;
      if (!article || !model) return [];
      if (this.kind === 'speaker') {
        const swatches = speakerSwatches(model.sidecar, this.config().colorBy, true);
        return [...model.sidecar.speakers.values()].map((s) => speakerNode(model, article, s, swatches.get(s.id)));
      }
      return [...model.sidecar.demands.values()].map((d) => demandNode(model, article, d));
    }
    // The model may have been replaced since the parent row was built: always read it afresh.
    const model = node.parent && this.store.get(node.article)?.model;
    if (!node.parent || !model) return [];
    return model.crossRefs.spansOf(node.parent.kind, node.parent.id).map((a, i) => spanNode(model, node, a, i));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function speakerNode(model: ArticleModel, article: vscode.Uri, s: Speaker, swatch: SwatchIcon | undefined): ViewNode {
  const spans = model.crossRefs.spansOf('speaker', s.id);
  // How much each speaker says, at a glance: their quotes first.
  const counts = countsText(spanCounts(spans).speakers.get(s.id) ?? emptyCounts());
  const kindAndRole = [s.kind, s.role].filter(Boolean).join(' · ');
  const description = [kindAndRole, counts].filter(Boolean).join(' · ');
  const tooltip = [s.name, kindAndRole, counts, s.aliases.length ? `Also: ${s.aliases.join(', ')}` : '', s.note ?? ''].filter(Boolean).join('\n');
  const hasSpans = spans.length > 0;
  return { id: `speaker:${s.id}`, label: s.name || s.id, description, tooltip, icon: swatch ?? KIND_ICON[s.kind] ?? KIND_ICON.person, article, parent: hasSpans ? { kind: 'speaker', id: s.id } : undefined };
}

function demandNode(model: ArticleModel, article: vscode.Uri, d: Demand): ViewNode {
  const names = (ids: string[]) => ids.map((id) => model.sidecar.speakers.get(id)?.name ?? id).join(', ');
  const tooltip = [
    d.summary,
    `Status: ${d.status ?? 'not set'}`,
    d.by.length ? `Made by: ${names(d.by)}` : '',
    d.to.length ? `Addressed to: ${names(d.to)}` : '',
    d.note ?? '',
  ].filter(Boolean).join('\n');
  const spans = model.crossRefs.spansOf('demand', d.id);
  const hasSpans = spans.length > 0;
  const responses = plural(spans.filter((a) => a.type === 'response').length, 'response');
  return {
    id: `demand:${d.id}`,
    label: d.summary || d.id,
    description: `${d.status ?? 'no status'} · ${responses}`,
    tooltip,
    icon: (d.status && STATUS_ICON[d.status]) || icon('megaphone'),
    article,
    parent: hasSpans ? { kind: 'demand', id: d.id } : undefined,
  };
}

function spanNode(model: ArticleModel, parent: ViewNode, a: Annotation, index: number): ViewNode {
  const text = model.lines.text.slice(a.start, a.end);
  const words = firstWords(text) || a.id;
  const line = model.lines.position(a.start).line + 1;
  const speaker = a.speaker ? (model.sidecar.speakers.get(a.speaker)?.name ?? a.speaker) : undefined;
  const demand = a.demand ? (model.sidecar.demands.get(a.demand)?.summary ?? a.demand) : undefined;
  // Under a demand, who answered matters more than the words they started with.
  const label = parent.parent?.kind === 'demand' && a.type === 'response' ? `${speaker}: ${words}` : words;
  const tooltip = [
    text.trim(),
    a.type === 'response' ? `${speaker} ${a.stance ?? 'responds'} on: ${demand}` : '',
  ].filter(Boolean).join('\n\n');
  return {
    // Annotation ids should be unique, but a broken sidecar must not break the tree.
    id: `${parent.id}/${index}:${a.id}`,
    label,
    description: [`line ${line}`, a.type, a.stance].filter(Boolean).join(' · '),
    tooltip,
    icon: (a.stance && STANCE_ICON[a.stance]) || TYPE_ICON[a.type],
    article: parent.article,
    offset: a.start,
    end: a.end,
  };
}

function activeArticle(): vscode.Uri | undefined {
  return vscode.window.activeTextEditor?.document.uri;
}

/** Both trees, following the active editor and every rebuild of its article's model. */
export class ArticleViews implements vscode.Disposable {
  readonly speakers: EntityTree;
  readonly demands: EntityTree;
  private readonly disposables: vscode.Disposable[];

  constructor(store: ArticleStore, config: () => Config) {
    this.speakers = new EntityTree(store, 'speaker', config);
    this.demands = new EntityTree(store, 'demand', config);
    const views = [
      vscode.window.createTreeView(Views.speakers, { treeDataProvider: this.speakers, showCollapseAll: true }),
      vscode.window.createTreeView(Views.demands, { treeDataProvider: this.demands, showCollapseAll: true }),
    ];
    const refresh = () => {
      const article = activeArticle();
      const shown = article && store.get(article)?.model ? forMessage(vscode.workspace.asRelativePath(article)) : undefined;
      for (const view of views) view.description = shown;
      this.speakers.refresh();
      this.demands.refresh();
    };
    this.disposables = [
      this.speakers,
      this.demands,
      ...views,
      store.onDidChange((uri) => uri.toString() === activeArticle()?.toString() && refresh()),
      vscode.window.onDidChangeActiveTextEditor(refresh),
    ];
    refresh();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
