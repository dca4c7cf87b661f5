// Mark Selection as Speaker Mention / Quote / Demand / Response. With nothing selected, the
// word at the cursor (for a mention) or the sentence (for the others) is proposed: selected,
// so the user sees it, and put back as it was if they cancel.
import * as vscode from 'vscode';
import { forMessage } from '../../core/displayText';
import { wholeCharacters } from '../../core/anchoring';
import { Annotation, AnnotationType, ANNOTATION_TYPES, Demand, Speaker, STANCES, Stance } from '../../core/model';
import { sentenceAt, trimSpan, wordAt } from '../../core/textBoundaries';
import { changed, EditingDeps, editableArticle, used } from './commandContext';
import { named, quoted } from './labels';
import { findSpeaker, newDemandFrom, newPending, newSpeakerFrom, pickDemand, pickKind, pickSpeaker, pickStance } from './pickers';

/** Arguments (all optional) that skip the pickers: from tests, keybindings or other extensions. */
export interface MarkArgs {
  kind?: AnnotationType;
  /** An existing speaker's id (mention, quote, response). */
  speaker?: string;
  /** Or a new speaker: the id is derived from the name unless given. */
  newSpeaker?: { name: string; kind?: string; role?: string; id?: string };
  /** An existing demand's id (demand, response). */
  demand?: string;
  newDemand?: { summary: string; by?: string[]; to?: string[]; status?: string; id?: string };
  stance?: Stance;
  note?: string;
  /** The span as UTF-16 offsets, instead of the selection. */
  start?: number;
  end?: number;
}

export async function markCommand(deps: EditingDeps, fixedKind: AnnotationType | undefined, rawArgs?: unknown): Promise<Annotation | undefined> {
  const args: MarkArgs = rawArgs && typeof rawArgs === 'object' ? (rawArgs as MarkArgs) : {};
  const fail = (message: string) => void vscode.window.showErrorMessage(forMessage(`Attribution Lens: cannot mark: ${message}.`));
  const article = await editableArticle(deps.store);
  if (!article) return undefined;
  const { editor, doc, session } = article;
  const text = doc.getText();

  let kind = fixedKind ?? args.kind;
  if (kind !== undefined && !ANNOTATION_TYPES.includes(kind)) return fail(`"${String(kind)}" is not one of ${ANNOTATION_TYPES.join(', ')}`);
  kind ??= await pickKind('Attribution Lens: Mark Selection');
  if (!kind) return undefined;

  // The span: given, selected, or proposed from the cursor.
  const oldSelection = editor.selection;
  let span: { start: number; end: number } | undefined;
  if (args.start !== undefined || args.end !== undefined) {
    const ok = Number.isInteger(args.start) && Number.isInteger(args.end) && 0 <= args.start! && args.start! < args.end! && args.end! <= text.length;
    if (!ok) return fail(`start and end must be whole offsets with 0 ≤ start < end ≤ ${text.length}`);
    span = { start: args.start!, end: args.end! };
  } else if (!editor.selection.isEmpty) {
    span = trimSpan(text, doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end));
  } else {
    const at = doc.offsetAt(editor.selection.active);
    span = kind === 'mention' ? wordAt(text, at) : sentenceAt(text, at);
    if (span) editor.selection = new vscode.Selection(doc.positionAt(span.start), doc.positionAt(span.end));
  }
  // A selection or offsets inside an emoji take the whole of it: half a character is no text.
  if (span) span = wholeCharacters(text, span);
  if (!span || span.end <= span.start) {
    void vscode.window.showInformationMessage(forMessage(`Attribution Lens: select the text to mark as a ${kind} (there is no ${kind === 'mention' ? 'word' : 'sentence'} at the cursor).`));
    return undefined;
  }
  const spanText = text.slice(span.start, span.end);
  const version = doc.version;
  const title = `Attribution Lens: mark ${quoted(spanText)} as ${kind === 'mention' ? 'a speaker mention' : `a ${kind}`}`;

  const pending = newPending();
  let speaker: Speaker | undefined;
  let demand: Demand | undefined;
  let stance: Stance | undefined;
  const cancelled = () => {
    if (!editor.selection.isEqual(oldSelection) && doc.version === version) editor.selection = oldSelection;
    return undefined;
  };

  if (kind === 'demand' || kind === 'response') {
    if (args.newDemand !== undefined) {
      const d = newDemandFrom(session, pending, args.newDemand);
      if (typeof d === 'string') return fail(d);
      demand = d;
    } else if (args.demand !== undefined) {
      demand = session.demands.get(args.demand);
      if (!demand) return fail(`there is no demand "${String(args.demand)}" in this article`);
    } else {
      demand = await pickDemand(deps, session, pending, {
        title,
        allowNew: true,
        placeHolder: kind === 'response' ? 'The demand this responds to' : undefined,
        // A new demand's summary is proposed from the marked demand, never from a response's words.
        context: kind === 'demand' ? { text, span } : undefined,
      });
      if (!demand) return cancelled();
    }
  }
  if (kind === 'response') {
    if (args.stance !== undefined) {
      if (!STANCES.includes(args.stance)) return fail(`a stance is one of ${STANCES.join(', ')}`);
      stance = args.stance;
    } else {
      stance = await pickStance(title);
      if (!stance) return cancelled();
    }
  }
  if (kind !== 'demand') {
    if (args.newSpeaker !== undefined) {
      const s = newSpeakerFrom(session, pending, args.newSpeaker);
      if (typeof s === 'string') return fail(s);
      speaker = s;
    } else if (args.speaker !== undefined) {
      speaker = findSpeaker(session, pending, args.speaker);
      if (!speaker) return fail(`there is no speaker "${String(args.speaker)}" in this article`);
    } else {
      speaker = await pickSpeaker(deps, session, pending, {
        title,
        placeHolder: kind === 'response' ? 'Who responds? (those the demand is addressed to first)' : undefined,
        preferred: demand?.to,
        preferredNote: 'addressed by the demand',
        newName: kind === 'mention' ? spanText : undefined,
        context: { text, span },
      });
      if (!speaker) return cancelled();
    }
  }
  if (args.note !== undefined && typeof args.note !== 'string') return fail('a note is text');

  // The article may have changed while the pickers were open: the offsets would be stale.
  if (doc.version !== version || doc.isClosed) {
    void vscode.window.showWarningMessage('Attribution Lens: the article changed while you were choosing; nothing was marked. Please try again.');
    return undefined;
  }
  const duplicate = session
    .annotations()
    .find((a) => a.type === kind && a.start === span.start && a.end === span.end && a.speaker === speaker?.id && a.demand === demand?.id);
  if (duplicate) {
    void vscode.window.showInformationMessage(forMessage(`Attribution Lens: this text is already marked as that ${kind} (${duplicate.id}).`));
    return undefined;
  }

  const who = speaker ? ` of ${named(speaker.name)}` : '';
  const what = !demand ? '' : kind === 'response' ? ` (${stance}) to ${quoted(demand.summary)}` : ` ${quoted(demand.summary)}`;
  const label = `Add ${kind}${who}${what}`;
  const annotation = session.group(label, () => {
    for (const s of pending.speakers) session.upsertSpeaker(s);
    for (const d of pending.demands) session.upsertDemand(d);
    return session.addAnnotation(
      dropUndefined({ type: kind, speaker: speaker?.id, demand: demand?.id, stance, note: args.note?.trim() || undefined, start: span.start, end: span.end, text: spanText }),
      label,
    );
  });
  await used(deps, 'speaker', speaker?.id, ...pending.speakers.map((s) => s.id));
  await used(deps, 'demand', demand?.id);
  const created = [...pending.speakers.map((s) => `new speaker ${named(s.name)} (${s.id})`), ...pending.demands.map((d) => `new demand ${d.id}`)];
  await changed(deps.store, doc, `added ${kind}${who}${what}${created.length ? `, ${created.join(', ')}` : ''}`);
  return annotation;
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
