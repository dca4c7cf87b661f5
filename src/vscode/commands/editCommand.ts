// Edit Annotation at Cursor: change its speaker, demand, stance or note directly (with
// arguments), or from a menu that also offers the other editing commands for it.
import * as vscode from 'vscode';
import { forMessage } from '../../core/displayText';
import { Annotation, Demand, Speaker, STANCES, Stance } from '../../core/model';
import { AnnotationSession } from '../../core/session';
import { aliasCommand } from './aliasCommand';
import { annotationAtCursor, changed, EditingDeps, editableArticle, EditableArticle, nameIn, used } from './commandContext';
import { deleteCommand } from './deleteCommand';
import { demandStatusCommand } from './demandStatusCommand';
import { named, quoted } from './labels';
import { findSpeaker, newDemandFrom, newPending, newSpeakerFrom, Pending, pickDemand, pickSpeaker, pickStance } from './pickers';
import { renameDemandCommand, renameSpeakerCommand } from './renameCommand';

export interface EditArgs {
  /** The annotation; default: the innermost one at the cursor. */
  id?: string;
  speaker?: string;
  newSpeaker?: { name: string; kind?: string; role?: string; id?: string };
  demand?: string;
  newDemand?: { summary: string; by?: string[]; to?: string[]; status?: string; id?: string };
  stance?: Stance;
  /** The note; an empty string removes it. */
  note?: string;
}

const CHANGE_KEYS = ['speaker', 'newSpeaker', 'demand', 'newDemand', 'stance', 'note'] as const;

/** Resolves with the changed annotation (or what the chosen menu command returns). */
export async function editCommand(deps: EditingDeps, rawArgs?: unknown): Promise<unknown> {
  const args: EditArgs = rawArgs && typeof rawArgs === 'object' ? (rawArgs as EditArgs) : {};
  const article = await editableArticle(deps.store);
  if (!article) return undefined;
  const { session } = article;
  const direct = CHANGE_KEYS.some((k) => args[k] !== undefined);
  const target = await annotationAtCursor(article, session.annotations(), nameIn(session), args.id, !direct && args.id === undefined);
  if (!target) return undefined;
  return direct ? applyArgs(deps, article, target, args) : showMenu(deps, article, target);
}

/** Changes from arguments, checked first: nothing changes unless all of them are valid. */
async function applyArgs(deps: EditingDeps, article: EditableArticle, a: Annotation, args: EditArgs): Promise<Annotation | undefined> {
  const fail = (message: string) => void vscode.window.showErrorMessage(forMessage(`Attribution Lens: cannot edit ${a.id}: ${message}.`));
  const { session } = article;
  const pending = newPending();
  const changes: Partial<Annotation> = {};
  if (args.speaker !== undefined || args.newSpeaker !== undefined) {
    if (a.type === 'demand') return fail('a demand span has no speaker (the demand has "by")');
    const s = args.newSpeaker !== undefined ? newSpeakerFrom(session, pending, args.newSpeaker) : (findSpeaker(session, pending, String(args.speaker)) ?? `there is no speaker "${String(args.speaker)}"`);
    if (typeof s === 'string') return fail(s);
    changes.speaker = s.id;
  }
  if (args.demand !== undefined || args.newDemand !== undefined) {
    if (a.type !== 'demand' && a.type !== 'response') return fail(`a ${a.type} has no demand`);
    const d = args.newDemand !== undefined ? newDemandFrom(session, pending, args.newDemand) : (session.demands.get(String(args.demand)) ?? `there is no demand "${String(args.demand)}"`);
    if (typeof d === 'string') return fail(d);
    changes.demand = d.id;
  }
  if (args.stance !== undefined) {
    if (a.type !== 'response') return fail(`only a response has a stance, this is a ${a.type}`);
    if (!STANCES.includes(args.stance)) return fail(`a stance is one of ${STANCES.join(', ')}`);
    changes.stance = args.stance;
  }
  if (args.note !== undefined) {
    if (typeof args.note !== 'string') return fail('a note is text');
    changes.note = args.note.trim() || undefined;
  }
  return update(deps, article, a, changes, pending, describe(session, pending, a, changes));
}

/** What a change does, in words, for the undo label and the message. */
function describe(session: AnnotationSession, pending: Pending, a: Annotation, changes: Partial<Annotation>): string {
  const parts: string[] = [];
  if (changes.speaker) parts.push(`speaker to ${named(findSpeaker(session, pending, changes.speaker)?.name ?? changes.speaker)}`);
  if (changes.demand) parts.push(`demand to ${quoted(session.demands.get(changes.demand)?.summary ?? pending.demands.find((d) => d.id === changes.demand)?.summary ?? changes.demand)}`);
  if (changes.stance) parts.push(`stance to ${changes.stance}`);
  if ('note' in changes) parts.push(changes.note ? 'note' : 'note removed');
  return `Change ${a.type} ${a.id}: ${parts.join(', ') || 'nothing'}`;
}

async function update(deps: EditingDeps, article: EditableArticle, a: Annotation, changes: Partial<Annotation>, pending: Pending, label: string): Promise<Annotation | undefined> {
  const { session, doc } = article;
  if ((Object.keys(changes) as (keyof Annotation)[]).every((k) => changes[k] === a[k])) {
    void vscode.window.showInformationMessage(forMessage(`Attribution Lens: ${a.id} already is like that; nothing changed.`));
    return a;
  }
  session.group(label, () => {
    for (const s of pending.speakers) session.upsertSpeaker(s);
    for (const d of pending.demands) session.upsertDemand(d);
    session.updateAnnotation(a.id, changes, label);
  });
  await used(deps, 'speaker', changes.speaker);
  await used(deps, 'demand', changes.demand);
  await changed(deps.store, doc, label.replace(/^Change/, 'changed'));
  return session.annotation(a.id);
}

interface Action extends vscode.QuickPickItem {
  run?: () => Promise<Annotation | undefined | unknown>;
}

async function showMenu(deps: EditingDeps, article: EditableArticle, a: Annotation): Promise<unknown> {
  const { session, doc, editor } = article;
  const speaker: Speaker | undefined = a.speaker ? session.speakers.get(a.speaker) : undefined;
  const demand: Demand | undefined = a.demand ? session.demands.get(a.demand) : undefined;
  const title = forMessage(`Attribution Lens: edit ${a.type} ${a.id} ${quoted(doc.getText().slice(a.start, a.end))}`);
  const selected = editor.selection.isEmpty ? '' : doc.getText(editor.selection).replace(/\s+/g, ' ').trim();
  const context = { text: doc.getText(), span: { start: a.start, end: a.end } };
  const pick = async <T>(ask: () => Thenable<T | undefined>, then: (value: T, pending: Pending) => Partial<Annotation>, pending = newPending()) => {
    const value = await ask();
    if (value === undefined) return undefined;
    const changes = then(value, pending);
    return update(deps, article, a, changes, pending, describe(session, pending, a, changes));
  };
  const actions: Action[] = [];
  if (a.type !== 'demand') {
    const pending = newPending();
    actions.push({
      label: '$(person) Change speaker…',
      description: speaker && `now ${named(speaker.name)}`,
      run: () => pick(() => pickSpeaker(deps, session, pending, { title, exclude: a.speaker, preferred: demand?.to, preferredNote: 'addressed by the demand', context }), (s) => ({ speaker: s.id }), pending),
    });
  }
  if (a.type === 'demand' || a.type === 'response') {
    const pending = newPending();
    actions.push({
      label: '$(megaphone) Change demand…',
      description: demand && `now ${quoted(demand.summary)}`,
      run: () => pick(() => pickDemand(deps, session, pending, { title, allowNew: true, exclude: a.demand, context: a.type === 'demand' ? context : undefined }), (d) => ({ demand: d.id }), pending),
    });
  }
  if (a.type === 'response') {
    actions.push({ label: '$(reply) Change stance…', description: a.stance && forMessage(`now ${a.stance}`), run: () => pick(() => pickStance(title, a.stance), (stance) => ({ stance })) });
  }
  actions.push({
    label: '$(note) Edit note…',
    description: a.note ? `now ${quoted(a.note)}` : 'no note yet',
    run: () =>
      pick(
        () => vscode.window.showInputBox({ title, prompt: 'Note on this annotation (empty: no note)', value: a.note, ignoreFocusOut: true }),
        (note) => ({ note: note.trim() || undefined }),
      ),
  });
  const extras: Action[] = [];
  if (speaker && selected && selected !== speaker.name && !speaker.aliases.includes(selected)) {
    extras.push({ label: `$(tag) Add ${quoted(selected)} as an alias of ${quoted(speaker.name)}`, run: () => aliasCommand(deps, { speaker: speaker.id, alias: selected }) });
  }
  if (demand) extras.push({ label: '$(checklist) Set status of the demand…', description: forMessage(`now ${demand.status ?? 'not set'}`), run: () => demandStatusCommand(deps, { demand: demand.id }) });
  if (speaker) extras.push({ label: `$(edit) Rename speaker ${quoted(speaker.name)}…`, description: forMessage(`id ${speaker.id}, everywhere in this article`), run: () => renameSpeakerCommand(deps, { speaker: speaker.id }) });
  if (demand) extras.push({ label: `$(edit) Rename demand ${quoted(demand.summary)}…`, description: forMessage(`id ${demand.id}`), run: () => renameDemandCommand(deps, { demand: demand.id }) });
  extras.push({ label: `$(trash) Delete this ${a.type}`, run: () => deleteCommand(deps, { id: a.id }) });
  const choice = await vscode.window.showQuickPick([...actions, { label: '', kind: vscode.QuickPickItemKind.Separator }, ...extras], {
    title,
    placeHolder: 'What to change?',
  });
  return choice?.run?.();
}
