// The quick picks and input boxes the editing commands ask through. Every one has a title,
// cancel (Escape) always means "no change", and names or text from the article or sidecar
// never turn into icons. New speakers and demands are collected in `Pending` and committed
// by the command together with its annotation, as one undo step.
import * as vscode from 'vscode';
import { byMru, idProblem, proposeId } from '../../core/editing';
import {
  AnnotationType, ANNOTATION_TYPES, Demand, DEMAND_STATUSES, DemandStatus, Speaker, SPEAKER_KINDS, SpeakerKind, Stance, STANCES,
} from '../../core/model';
import { AnnotationSession } from '../../core/session';
import { roleNear, speakersNamedAround, unknownSayer } from '../../core/speakerHints';
import { tidySummary } from '../../core/suggest/demandText';
import { TextSpan } from '../../core/textBoundaries';
import { EditingDeps, recent } from './commandContext';
import { forMessage } from '../../core/displayText';
import { quoted, TYPE_ICON } from './labels';
import { setSwatches } from '../swatches';

/** Speakers and demands chosen "New…" in a picker: not in the session until the command commits them. */
export interface Pending {
  speakers: Speaker[];
  demands: Demand[];
}

export function newPending(): Pending {
  return { speakers: [], demands: [] };
}

type Entities = Pick<AnnotationSession, 'speakers' | 'demands'>;

/** The article's text and the span being marked: what the speaker pick and the new-speaker and new-demand boxes read their proposals from. */
export interface MarkContext {
  text: string;
  span: TextSpan;
}

export function speakerTaken(session: Entities, pending: Pending): (id: string) => boolean {
  return (id) => session.speakers.has(id) || pending.speakers.some((s) => s.id === id);
}

export function demandTaken(session: Entities, pending: Pending): (id: string) => boolean {
  return (id) => session.demands.has(id) || pending.demands.some((d) => d.id === id);
}

export function findSpeaker(session: Entities, pending: Pending, id: string): Speaker | undefined {
  return session.speakers.get(id) ?? pending.speakers.find((s) => s.id === id);
}

const TYPE_HELP: Record<AnnotationType, string> = {
  mention: 'the text names a speaker',
  quote: 'what a speaker said, direct or reported',
  demand: 'a call for action, a request or a condition',
  response: 'what a speaker said in answer to a demand',
};

const STANCE_HELP: Record<Stance, string> = {
  agrees: 'accepts the demand',
  'partly-agrees': 'accepts part of it',
  defers: 'neither yes nor no: later, being looked at',
  rejects: 'refuses it',
  disputes: 'contests its premise or facts',
};

export async function pickKind(title: string): Promise<AnnotationType | undefined> {
  const pick = await vscode.window.showQuickPick(
    ANNOTATION_TYPES.map((t) => ({ label: `${TYPE_ICON[t]} ${t}`, description: TYPE_HELP[t], type: t })),
    { title, placeHolder: 'Mark the text as…' },
  );
  return pick?.type;
}

export async function pickStance(title: string, current?: Stance): Promise<Stance | undefined> {
  const pick = await vscode.window.showQuickPick(
    STANCES.map((s) => ({ label: s, description: STANCE_HELP[s] + (s === current ? ' (current)' : ''), stance: s })),
    { title, placeHolder: 'The stance of the response towards the demand' },
  );
  return pick?.stance;
}

export async function pickStatus(title: string, current?: DemandStatus): Promise<DemandStatus | undefined> {
  const pick = await vscode.window.showQuickPick(
    DEMAND_STATUSES.map((s) => ({ label: s, description: s === current ? '(current)' : undefined, status: s })),
    { title, placeHolder: 'The status of the demand' },
  );
  return pick?.status;
}

interface SpeakerItem extends vscode.QuickPickItem {
  speaker?: Speaker;
  create?: true;
}

function speakerDescription(s: Speaker, extra?: string): string {
  return forMessage([s.id, s.kind, s.role].filter(Boolean).join(' · ')) + (extra ? ` — ${extra}` : '');
}

/**
 * An existing speaker: those the sentence around the span names as saying it first (the
 * `preferred` among them before the others), then the `preferred` ones, then others the sentence
 * names, each with a note saying why, then the rest most recently used first; or a new one ("New speaker…", named `newName` or the name the sentence gives).
 */
export async function pickSpeaker(
  deps: EditingDeps,
  session: Entities,
  pending: Pending,
  opts: { title: string; placeHolder?: string; preferred?: readonly string[]; preferredNote?: string; newName?: string; exclude?: string; context?: MarkContext },
): Promise<Speaker | undefined> {
  const all = [...session.speakers.values(), ...pending.speakers].filter((s) => s.id !== opts.exclude);
  const ordered = byMru(all, (s) => s.id, recent(deps, 'speaker'));
  const hints = opts.context ? speakersNamedAround(opts.context.text, opts.context.span, all) : [];
  const says = hints.filter((h) => h.why === 'says').map((h) => h.id);
  const named = hints.filter((h) => h.why === 'named').map((h) => h.id);
  const preferred = opts.preferred ?? [];
  // One the sentence names as speaking who is also preferred (addressed by the demand) is the likeliest of all.
  const early = [...new Set([...says.filter((id) => preferred.includes(id)), ...says, ...preferred, ...named])];
  const note = (id: string) =>
    [says.includes(id) ? 'the sentence says so' : named.includes(id) ? 'named in the sentence' : undefined, preferred.includes(id) ? opts.preferredNote : undefined].filter(Boolean).join(' · ');
  const byId = new Map(ordered.map((s) => [s.id, s]));
  const newName = opts.newName ?? (opts.context && unknownSayer(opts.context.text, opts.context.span, all));
  const items: SpeakerItem[] = [
    ...early.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])).map((s) => ({ label: forMessage(s.name), description: speakerDescription(s, note(s.id)), speaker: s })),
    ...ordered.filter((s) => !early.includes(s.id)).map((s) => ({ label: forMessage(s.name), description: speakerDescription(s), speaker: s })),
  ];
  setSwatches(items, [...session.speakers.values(), ...pending.speakers], (i) => i.speaker?.id);
  if (items.length) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(add) New speaker…', description: newName ? quoted(newName) : undefined, alwaysShow: true, create: true });
  const pick = await vscode.window.showQuickPick(items, {
    title: opts.title,
    placeHolder: opts.placeHolder ?? (early.length ? 'Speaker (those the sentence names first); type to filter by name, id or role' : 'Speaker (most recently used first); type to filter by name, id or role'),
    matchOnDescription: true,
  });
  if (!pick) return undefined;
  if (pick.speaker) return pick.speaker;
  return askNewSpeaker(session, pending, { title: opts.title, name: newName, context: opts.context });
}

/** Several speakers (a demand's addressees); undefined when cancelled. */
export async function pickSpeakers(session: Entities, pending: Pending, step: string, selected: readonly string[], question: string): Promise<string[] | undefined> {
  // A multi-select reads like a single pick until one knows Space: say it where the eye is.
  const title = `${step} · Space to toggle, Enter to accept`;
  const placeHolder = `${question} (Space toggles a speaker, Enter accepts)`;
  const chosen = new Set(selected);
  const items = [...session.speakers.values(), ...pending.speakers].map((s) => ({ label: forMessage(s.name), description: speakerDescription(s), picked: chosen.has(s.id), id: s.id }));
  setSwatches(items, [...session.speakers.values(), ...pending.speakers], (i) => i.id);
  const picks = await vscode.window.showQuickPick(items, { title, placeHolder, canPickMany: true, matchOnDescription: true });
  return picks?.map((p) => p.id);
}

/** Asks name, id, kind and role of a new speaker (the id and role proposed from the name and the text). Adds it to `pending`. */
export async function askNewSpeaker(session: Entities, pending: Pending, opts: { title: string; name?: string; context?: MarkContext }): Promise<Speaker | undefined> {
  const existing = [...session.speakers.values(), ...pending.speakers];
  const name = await vscode.window.showInputBox({
    title: `${opts.title}: new speaker (1/4)`,
    prompt: 'Name of the speaker, as the article writes it in full',
    value: opts.name?.replace(/\s+/g, ' ').trim(),
    placeHolder: 'e.g. Jeremy Corbyn, Board of Deputies, a Labour spokesperson',
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (!v.trim()) return 'Enter a name.';
      const same = existing.find((s) => s.name.toLowerCase() === v.trim().toLowerCase());
      return same
        ? { message: forMessage(`There is already a speaker "${same.name}" (id ${same.id}); this makes another one.`), severity: vscode.InputBoxValidationSeverity.Warning }
        : undefined;
    },
  });
  if (name === undefined) return undefined;
  const id = await askId(`${opts.title}: new speaker (2/4)`, proposeId(name, speakerTaken(session, pending), 'speaker'), speakerTaken(session, pending), 'speaker');
  if (id === undefined) return undefined;
  const kindPick = await vscode.window.showQuickPick(
    SPEAKER_KINDS.map((k) => ({ label: k, kind_: k })),
    { title: `${opts.title}: new speaker (3/4)`, placeHolder: `What is ${forMessage(name.trim())}?` },
  );
  if (!kindPick) return undefined;
  const proposedRole = opts.context && roleNear(opts.context.text, name.replace(/\s+/g, ' ').trim(), opts.context.span.start);
  const role = await vscode.window.showInputBox({
    title: `${opts.title}: new speaker (4/4)`,
    prompt: proposedRole ? 'Role (optional), as the article gives it: edit it, or clear it for none' : 'Role (optional): leave empty for none',
    value: proposedRole,
    placeHolder: 'e.g. Leader of the Labour Party',
    ignoreFocusOut: true,
  });
  if (role === undefined) return undefined;
  return addPendingSpeaker(session, pending, { name, kind: kindPick.kind_, role, id });
}

/** The id of a new speaker or demand: the proposal, editable, checked as it is typed. */
async function askId(title: string, proposed: string, taken: (id: string) => boolean, what: 'speaker' | 'demand'): Promise<string | undefined> {
  const id = await vscode.window.showInputBox({
    title,
    prompt: `Id of the new ${what}, as the sidecar will write it (Enter keeps the proposal)`,
    value: proposed,
    ignoreFocusOut: true,
    validateInput: (v) => idProblem(v.trim(), taken),
  });
  return id?.trim();
}

/** A new speaker from its fields (from a picker or a command's arguments); an error message when they are not valid. */
export function newSpeakerFrom(session: Entities, pending: Pending, value: unknown): Speaker | string {
  if (!value || typeof value !== 'object') return 'newSpeaker must be an object with a name';
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string' || !v.name.trim()) return 'a new speaker needs a name';
  const kind = v.kind ?? 'person';
  if (!(SPEAKER_KINDS as readonly unknown[]).includes(kind)) return `a speaker's kind is one of ${SPEAKER_KINDS.join(', ')}`;
  if (v.role !== undefined && typeof v.role !== 'string') return 'a role is text';
  if (v.id !== undefined) {
    const problem = typeof v.id === 'string' ? idProblem(v.id, speakerTaken(session, pending)) : 'the id is text';
    if (problem) return problem;
  }
  return addPendingSpeaker(session, pending, { name: v.name, kind: kind as SpeakerKind, role: v.role as string | undefined, id: v.id as string | undefined });
}

function addPendingSpeaker(session: Entities, pending: Pending, f: { name: string; kind: SpeakerKind; role?: string; id?: string }): Speaker {
  const name = f.name.replace(/\s+/g, ' ').trim();
  const speaker: Speaker = { id: f.id ?? proposeId(name, speakerTaken(session, pending), 'speaker'), name, kind: f.kind, aliases: [], members: [] };
  if (f.role?.trim()) speaker.role = f.role.trim();
  pending.speakers.push(speaker);
  return speaker;
}

interface DemandItem extends vscode.QuickPickItem {
  demand?: Demand;
  create?: true;
}

/** An existing demand, most recently used first, or (with allowNew) a new one. */
export async function pickDemand(
  deps: EditingDeps,
  session: Entities,
  pending: Pending,
  opts: { title: string; placeHolder?: string; allowNew: boolean; exclude?: string; context?: MarkContext },
): Promise<Demand | undefined> {
  const all = byMru([...session.demands.values(), ...pending.demands], (d) => d.id, recent(deps, 'demand')).filter((d) => d.id !== opts.exclude);
  const speakerName = (id: string) => findSpeaker(session, pending, id)?.name ?? id;
  const items: DemandItem[] = all.map((d) => ({
    label: forMessage(d.summary),
    description: forMessage([d.id, d.status].filter(Boolean).join(' · ')),
    detail: forMessage(`by ${d.by.map(speakerName).join(', ') || '—'}${d.to.length ? ` · to ${d.to.map(speakerName).join(', ')}` : ''}`),
    demand: d,
  }));
  if (opts.allowNew) {
    if (items.length) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: '$(add) New demand…', alwaysShow: true, create: true });
  }
  if (!items.length) {
    void vscode.window.showInformationMessage('Attribution Lens: this article has no demands yet.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: opts.title,
    placeHolder: opts.placeHolder ?? 'Demand (most recently used first); type to filter',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return undefined;
  if (pick.demand) return pick.demand;
  return askNewDemand(deps, session, pending, opts.title, opts.context);
}

/** Asks summary (from the marked text), id, who makes it, to whom, and status. Adds it to `pending`. */
export async function askNewDemand(deps: EditingDeps, session: Entities, pending: Pending, title: string, context?: MarkContext): Promise<Demand | undefined> {
  const summary = await vscode.window.showInputBox({
    title: `${title}: new demand (1/5)`,
    prompt: context ? 'What is demanded, in a short sentence (proposed from the marked text: edit it)' : 'What is demanded, in a short sentence',
    value: context && tidySummary(context.text.slice(context.span.start, context.span.end)),
    placeHolder: 'e.g. A fixed timetable to deal with antisemitism cases',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter a summary of the demand.'),
  });
  if (summary === undefined) return undefined;
  const id = await askId(`${title}: new demand (2/5)`, proposeId(summary, demandTaken(session, pending), 'demand'), demandTaken(session, pending), 'demand');
  if (id === undefined) return undefined;
  const by = await pickSpeaker(deps, session, pending, { title: `${title}: new demand (3/5)`, placeHolder: 'Who makes the demand?', context });
  if (!by) return undefined;
  const to = await pickSpeakers(session, pending, `${title}: new demand (4/5)`, [], 'To whom is it addressed? (any number, or none)');
  if (!to) return undefined;
  const status = await pickStatus(`${title}: new demand (5/5)`, undefined);
  if (!status) return undefined;
  return addPendingDemand(session, pending, { summary, by: [by.id], to: to.filter((id) => id !== by.id), status, id });
}

/** A new demand from a command's arguments; an error message when they are not valid. */
export function newDemandFrom(session: Entities, pending: Pending, value: unknown): Demand | string {
  if (!value || typeof value !== 'object') return 'newDemand must be an object with a summary';
  const v = value as Record<string, unknown>;
  if (typeof v.summary !== 'string' || !v.summary.trim()) return 'a new demand needs a summary';
  const ids = (x: unknown, what: string): string[] | string => {
    if (x === undefined) return [];
    const list = typeof x === 'string' ? [x] : x;
    if (!Array.isArray(list) || !list.every((i) => typeof i === 'string')) return `"${what}" is a list of speaker ids`;
    const unknown = list.find((i) => !findSpeaker(session, pending, i));
    return unknown === undefined ? list : `unknown speaker "${unknown}" in "${what}"`;
  };
  const by = ids(v.by, 'by');
  if (typeof by === 'string') return by;
  const to = ids(v.to, 'to');
  if (typeof to === 'string') return to;
  if (v.status !== undefined && !(DEMAND_STATUSES as readonly unknown[]).includes(v.status)) return `a demand's status is one of ${DEMAND_STATUSES.join(', ')}`;
  if (v.id !== undefined) {
    const problem = typeof v.id === 'string' ? idProblem(v.id, demandTaken(session, pending)) : 'the id is text';
    if (problem) return problem;
  }
  return addPendingDemand(session, pending, { summary: v.summary, by, to, status: v.status as DemandStatus | undefined, id: v.id as string | undefined });
}

function addPendingDemand(session: Entities, pending: Pending, f: { summary: string; by: string[]; to: string[]; status?: DemandStatus; id?: string }): Demand {
  const summary = f.summary.replace(/\s+/g, ' ').trim();
  const demand: Demand = { id: f.id ?? proposeId(summary, demandTaken(session, pending), 'demand'), summary, by: f.by, to: f.to };
  if (f.status) demand.status = f.status;
  pending.demands.push(demand);
  return demand;
}
