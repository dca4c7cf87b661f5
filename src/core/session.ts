// An article being annotated: the sidecar's entities, the annotations with live positions,
// and undo/redo of annotation changes. Pure: the adapter feeds it text edits and commands.
//
// Positions belong to the AnchorTracker, for every annotation this session knows, including
// deleted ones that Undo may bring back: so an annotation restored after the text changed
// comes back where its text now is, not at a stale offset. The TextHistory beside it knows
// where they all were at each earlier text, for VS Code's text Undo and Redo; annotation undo
// only shows or hides annotations, so the two histories never disagree about a position.
import { AnchorTracker } from './anchorTracker';
import { anchorContext, Orphan } from './anchoring';
import { ChunkedText } from './chunkedText';
import { Annotation, compareAnnotations, Demand, RejectedSuggestion, Sidecar, Speaker } from './model';
import { RejectedPlacement } from './rejected';
import { RejectedList } from './sessionRejected';
import { OffsetConverter, sha256Hex } from './text';
import { TextHistory } from './textHistory';
import { inQuotes, nameInQuotes } from './wording';
import { AnnotationChange, AnnotationData, Change, dropUndefined, mergeChanges, sameData, sameMap } from './sessionChange';

export type { AnnotationData } from './sessionChange';

/** An annotation waiting for a person: an orphan (not placed) or a span placed on edited text. */
export interface ReviewItem {
  status: 'orphan' | 'repaired';
  /** Live position for a repaired span; for an orphan, where it last was (not on the text). */
  annotation: Annotation;
  /** The text before the article changed: an orphan's own text, a repaired span's `was`. */
  oldText?: string;
  reason?: string;
}

/** A text change: `text` replaces [offset, offset + length) of the text before it. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

const MAX_HISTORY = 200;

export class AnnotationSession {
  speakers: Map<string, Speaker>;
  demands: Map<string, Demand>;
  private readonly data = new Map<string, AnnotationData>();
  /** Ids of annotations shown now; the others are deleted but kept for Undo. */
  private readonly live = new Set<string>();
  private readonly tracker = new AnchorTracker();
  private undoStack: Change[] = [];
  private redoStack: Change[] = [];
  /** The text states VS Code's Undo and Redo may return to, and where the spans were in each. */
  private readonly history: TextHistory;
  private highestId = 0;
  /** Orphans removed by a change (undo brings them back). */
  private readonly droppedOrphans = new Set<string>();
  /** Tracker keys of positions kept for undoing a change of place. */
  private swaps = 0;
  /** Annotation changes (or moved offsets) not yet written to the sidecar. */
  dirty = false;
  /**
   * Annotation changes themselves (not offsets moved by typing) not yet written: what must
   * still reach the file when the article's unsaved text is thrown away.
   */
  changedSinceWrite = false;
  /** Annotations that could not be placed: kept as read and written back unchanged. */
  orphans: Orphan[];
  /** Suggestions the user rejected (sidecar `rejected`): tracked like annotations, undone like them. */
  private readonly rejects: RejectedList;
  /** While group() runs: the changes it made, to become one undo step. */
  private grouped?: Change[];

  /** The article text as edited so far: its fingerprint tells which state Undo returned to. */
  private readonly text: ChunkedText;

  constructor(
    text: string,
    readonly base: Sidecar,
    placed: readonly Annotation[],
    orphans: readonly Orphan[] = [],
    rejected?: RejectedPlacement,
  ) {
    this.orphans = [...orphans];
    this.text = new ChunkedText(text);
    this.history = new TextHistory(this.text.fingerprint());
    this.speakers = new Map(base.speakers);
    this.demands = new Map(base.demands);
    for (const a of placed) {
      const { start: _s, end: _e, ...rest } = a;
      this.data.set(a.id, rest);
      this.live.add(a.id);
    }
    for (const a of [...placed, ...orphans.map((o) => o.annotation)]) this.noteId(a.id);
    this.tracker.reset(placed.map((a) => ({ id: a.id, start: a.start, end: a.end })));
    this.rejects = new RejectedList(this.tracker, text, base, rejected);
  }

  /** Live annotations with their current positions, sorted. */
  annotations(): Annotation[] {
    const out: Annotation[] = [];
    for (const s of this.tracker.spans()) {
      if (this.live.has(s.id)) out.push({ ...this.data.get(s.id)!, start: s.start, end: s.end });
    }
    return out.sort(compareAnnotations);
  }

  annotation(id: string): Annotation | undefined {
    return this.annotations().find((a) => a.id === id);
  }

  /** A live annotation's data, placed or not (an edit may have taken its span away for now). */
  dataOf(id: string): AnnotationData | undefined {
    return this.live.has(id) ? this.data.get(id) : undefined;
  }

  /** A fresh annotation id: one above the highest ever seen, so ids are never reused. */
  nextId(): string {
    return `a${this.highestId + 1}`;
  }

  // --- annotation changes (each one undoable) -------------------------------------------

  addAnnotation(a: Omit<Annotation, 'id'> & { id?: string }, label = 'Add annotation'): Annotation {
    const id = a.id ?? this.nextId();
    if (this.data.has(id) && this.live.has(id)) throw new Error(`annotation id "${id}" already exists`);
    const { start, end, ...rest } = { ...a, id };
    this.noteId(id);
    this.trackAt(id, start, end);
    this.commit({ label, annotations: [{ id, before: undefined, after: rest }] });
    return { ...rest, start, end };
  }

  updateAnnotation(id: string, changes: Partial<AnnotationData>, label = 'Edit annotation'): void {
    const before = this.liveData(id);
    const after = dropUndefined({ ...before, ...changes, id });
    this.commit({ label, annotations: [{ id, before, after }] });
  }

  deleteAnnotation(id: string, label = 'Delete annotation'): void {
    this.commit({ label, annotations: [{ id, before: this.liveData(id), after: undefined }] });
  }

  // --- review (docs/SIDECAR.md "Review") ---------------------------------------------

  /** Orphans still kept: neither placed again nor deleted. */
  currentOrphans(): Orphan[] {
    return this.orphans.filter((o) => !this.live.has(o.annotation.id) && !this.droppedOrphans.has(o.annotation.id));
  }

  /** What awaits a person: orphans, then flagged spans, each in the sidecar's order. */
  reviewItems(): ReviewItem[] {
    const orphans = this.currentOrphans().map((o): ReviewItem => ({ status: 'orphan', annotation: o.annotation, oldText: o.annotation.text, reason: o.annotation.review?.reason ?? o.reason }));
    const repaired = this.annotations()
      .filter((a) => a.review?.status === 'repaired')
      .map((a): ReviewItem => ({ status: 'repaired', annotation: a, oldText: a.review!.was, reason: a.review!.reason }));
    return [...orphans.sort((x, y) => compareAnnotations(x.annotation, y.annotation)), ...repaired];
  }

  /**
   * Puts an orphan or a flagged span on [start, end) and drops its flag: one undoable change.
   * A live annotation keeps its position of before for Undo (see AnnotationChange.swap).
   */
  reattach(id: string, start: number, end: number, label = 'Re-attach annotation'): void {
    const orphan = this.currentOrphans().find((o) => o.annotation.id === id);
    if (orphan) {
      const { start: _s, end: _e, review: _r, ...rest } = orphan.annotation;
      this.addAnnotation({ ...rest, start, end }, label);
      return;
    }
    const before = this.liveData(id);
    const { review: _r, ...after } = before;
    this.moveTo(id, before, after, start, end, label);
  }

  /**
   * A live annotation put on [start, end), its data (review flag included) as it is: a resize.
   * One undoable change; Undo puts it back where it was.
   */
  resizeAnnotation(id: string, start: number, end: number, label = 'Resize annotation'): void {
    const data = this.liveData(id);
    this.moveTo(id, data, data, start, end, label);
  }

  /** A flagged span accepted where it is: its flag dropped. */
  acceptReview(id: string, label = 'Accept annotation'): void {
    const before = this.liveData(id);
    const { review: _r, ...after } = before;
    this.commit({ label, annotations: [{ id, before, after }] });
  }

  /** Deletes an orphan or a live annotation: one undoable change either way. */
  deleteReviewItem(id: string, label = 'Delete annotation'): void {
    if (this.live.has(id)) return this.deleteAnnotation(id, label);
    if (!this.currentOrphans().some((o) => o.annotation.id === id)) throw new Error(`unknown annotation "${id}"`);
    this.commit({ label, annotations: [], dropOrphans: [id] });
  }

  // --- rejected suggestions -------------------------------------------------------------

  /** Remembers suggestions as rejected (not proposed again): one undoable change. */
  rejectSuggestions(items: readonly RejectedSuggestion[], label = 'Reject suggestion'): void {
    const keys = items.map((r) => this.rejects.add(r));
    for (const key of keys) this.history.forget(key);
    this.commit({ label, annotations: [], rejects: keys });
  }

  /** The rejected suggestions placed on the text now, where their words are now (the ones that suppress a suggestion). */
  rejected(): RejectedSuggestion[] {
    return this.rejects.placed();
  }

  /** After a reload put the annotations back (see RejectedList.restore): not undoable, like positions. */
  restoreRejected(placement: RejectedPlacement): void {
    this.rejects.restore(placement);
  }

  upsertSpeaker(speaker: Speaker, label = `Speaker ${nameInQuotes(speaker.name)}`): void {
    const after = new Map(this.speakers).set(speaker.id, speaker);
    this.commit({ label, speakers: [this.speakers, after], annotations: [] });
  }

  upsertDemand(demand: Demand, label = `Demand ${inQuotes(demand.summary)}`): void {
    const after = new Map(this.demands).set(demand.id, demand);
    this.commit({ label, demands: [this.demands, after], annotations: [] });
  }

  /** Gives a speaker a new id everywhere: the map, groups' members, demands, annotations. */
  renameSpeaker(oldId: string, newId: string, newName?: string): void {
    const s = this.speakers.get(oldId);
    if (!s) throw new Error(`unknown speaker "${oldId}"`);
    if (newId !== oldId && this.speakers.has(newId)) throw new Error(`a speaker "${newId}" already exists`);
    const swap = (ids: string[]) => ids.map((i) => (i === oldId ? newId : i));
    const speakers = new Map<string, Speaker>();
    for (const [id, sp] of this.speakers) {
      const next = { ...sp, members: swap(sp.members) };
      if (id === oldId) speakers.set(newId, { ...next, id: newId, name: newName ?? s.name });
      else speakers.set(id, next);
    }
    const demands = new Map<string, Demand>();
    for (const [id, d] of this.demands) demands.set(id, { ...d, by: swap(d.by), to: swap(d.to) });
    const annotations = this.liveIdsWhere((a) => a.speaker === oldId).map((id) => {
      const before = this.data.get(id)!;
      return { id, before, after: { ...before, speaker: newId } };
    });
    this.commit({ label: `Rename speaker ${nameInQuotes(s.name)}`, speakers: [this.speakers, speakers], demands: [this.demands, demands], annotations });
  }

  /** Gives a demand a new id everywhere. */
  renameDemand(oldId: string, newId: string, newSummary?: string): void {
    const d = this.demands.get(oldId);
    if (!d) throw new Error(`unknown demand "${oldId}"`);
    if (newId !== oldId && this.demands.has(newId)) throw new Error(`a demand "${newId}" already exists`);
    const demands = new Map<string, Demand>();
    for (const [id, x] of this.demands) demands.set(id === oldId ? newId : id, id === oldId ? { ...x, id: newId, summary: newSummary ?? x.summary } : x);
    const annotations = this.liveIdsWhere((a) => a.demand === oldId).map((id) => {
      const before = this.data.get(id)!;
      return { id, before, after: { ...before, demand: newId } };
    });
    this.commit({ label: `Rename demand ${inQuotes(d.summary)}`, demands: [this.demands, demands], annotations });
  }

  /**
   * Runs several changes as one undoable step (a new speaker and its first quote, say).
   * A group inside a group joins the outer one.
   */
  group<T>(label: string, run: () => T): T {
    if (this.grouped) return run();
    const parts: Change[] = (this.grouped = []);
    try {
      return run();
    } finally {
      this.grouped = undefined;
      if (parts.length) this.pushUndo(mergeChanges(label, parts));
    }
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Undoes the last annotation change; returns its label. */
  undo(): string | undefined {
    const change = this.undoStack.pop();
    if (!change) return undefined;
    this.applySide(change, 'before');
    this.redoStack.push(change);
    this.dirty = this.changedSinceWrite = true;
    return change.label;
  }

  redo(): string | undefined {
    const change = this.redoStack.pop();
    if (!change) return undefined;
    this.applySide(change, 'after');
    this.undoStack.push(change);
    this.dirty = this.changedSinceWrite = true;
    return change.label;
  }

  // --- from outside: a merge with the file on disk, annotations put on another text -------

  /**
   * Makes the session hold `target` (placed on the current text; orphans kept as they are):
   * entities replaced, annotations added, changed, moved or hidden to match. With `label`, the
   * data changes are one undoable step under that name (positions are never undone: they
   * belong to the text); without, nothing is added to the history. Returns whether anything
   * changed.
   */
  adopt(target: { speakers: Map<string, Speaker>; demands: Map<string, Demand>; placed: readonly Annotation[]; orphans: readonly Orphan[]; rejectedPlacement?: RejectedPlacement }, label?: string): boolean {
    const now = new Map(this.annotations().map((a) => [a.id, a]));
    const wanted = new Map(target.placed.map((a) => [a.id, a]));
    const changes: AnnotationChange[] = [];
    const moves = new Map<string, { id: string; start: number; end: number }>();
    for (const [id, a] of wanted) {
      const { start, end, ...after } = a;
      const current = now.get(id);
      if (!current || current.start !== start || current.end !== end) moves.set(id, { id, start, end });
      const before = this.live.has(id) ? this.data.get(id) : undefined;
      if (!before || !sameData(before, after)) changes.push({ id, before, after });
      this.noteId(id);
    }
    for (const id of this.live) if (!wanted.has(id)) changes.push({ id, before: this.data.get(id), after: undefined });
    const orphansBefore = this.orphans.map((o) => o.annotation.id).join('\n');
    this.orphans = [...target.orphans];
    // The target says which orphans there are now: none of them is hidden by an earlier delete.
    this.droppedOrphans.clear();
    for (const o of this.orphans) this.noteId(o.annotation.id);
    const entities = !sameMap(this.speakers, target.speakers) || !sameMap(this.demands, target.demands);
    for (const id of moves.keys()) this.history.forget(id);
    if (moves.size) this.tracker.place(moves);
    const change: Change = { label: label ?? '', annotations: changes };
    if (entities) {
      change.speakers = [this.speakers, new Map(target.speakers)];
      change.demands = [this.demands, new Map(target.demands)];
    }
    // Rejected entries placed on the new text replace the old ones (positions: never undone).
    const rejectedBefore = target.rejectedPlacement && JSON.stringify(this.rejects.placed());
    if (target.rejectedPlacement) this.rejects.reset(target.rejectedPlacement);
    const rejectedMoved = target.rejectedPlacement !== undefined && rejectedBefore !== JSON.stringify(this.rejects.placed());
    const changed = changes.length > 0 || entities || moves.size > 0 || rejectedMoved || orphansBefore !== this.orphans.map((o) => o.annotation.id).join('\n');
    if (changes.length || entities) {
      if (label !== undefined) this.commit(change);
      else this.applySide(change, 'after');
    }
    if (changed) this.dirty = this.changedSinceWrite = true;
    return changed;
  }

  // --- text edits ---------------------------------------------------------------------

  /**
   * The article's text changed: move every annotation. Edits are applied one after another,
   * in the order VS Code lists a change's parts. When VS Code's Undo or Redo brings the text
   * back to a state it had before, every annotation goes back to where it was in that state
   * (see TextHistory); an edit typed by hand is never taken for one.
   */
  textEdited(edits: readonly TextChange[], reason?: 'undo' | 'redo'): void {
    if (edits.length === 0) return;
    for (const edit of edits) this.text.replace(edit.offset, edit.length, edit.text);
    const fingerprint = this.text.fingerprint();
    if (!reason || !this.history.travel(this.tracker, fingerprint, reason)) {
      this.history.record(
        this.tracker,
        edits.map((e) => ({ offset: e.offset, length: e.length, inserted: e.text.length })),
        fingerprint,
      );
    }
    if (this.live.size) this.dirty = true;
  }

  /** The article text as the session knows it (kept in step by textEdited). */
  get currentText(): string {
    return this.text.toString();
  }

  // --- writing ------------------------------------------------------------------------

  /** The sidecar to write for `text` (the saved article): anchors refreshed, hash set, sorted. */
  toSidecar(text: string): Sidecar {
    const converter = this.base.document.offsets === 'codepoint' ? new OffsetConverter(text) : undefined;
    const placed = this.annotations().map((a) => {
      const anchor = anchorContext(text, a.start, a.end);
      const out: Annotation = { ...a, ...anchor };
      if (converter) {
        out.start = converter.toCodePoint(a.start);
        out.end = converter.toCodePoint(a.end);
      }
      return out;
    });
    // Orphans carry their review flag, so the hash stays: a reader never trusts a flagged orphan's
    // old offsets, and every other annotation keeps the fast path of offsets known to be right.
    const orphans = this.currentOrphans().map((o) => o.annotation);
    const document = { ...this.base.document, sha256: sha256Hex(text) };
    // Always a list, an empty one too: a sidecar without the field keeps the file's list as it is.
    const rejected = this.rejects.forSidecar(text, this.base.document.offsets);
    return {
      version: this.base.version,
      document,
      speakers: this.speakers,
      demands: this.demands,
      annotations: [...placed, ...orphans].sort(compareAnnotations),
      rejected,
    };
  }

  // --- internals ----------------------------------------------------------------------

  private commit(change: Change): void {
    this.applySide(change, 'after');
    if (this.grouped) this.grouped.push(change);
    else this.pushUndo(change);
    this.redoStack = [];
    this.dirty = this.changedSinceWrite = true;
  }

  private pushUndo(change: Change): void {
    this.undoStack.push(change);
    if (this.undoStack.length > MAX_HISTORY) this.undoStack.shift();
  }

  private applySide(change: Change, side: 'before' | 'after'): void {
    const i = side === 'before' ? 0 : 1;
    if (change.speakers) this.speakers = change.speakers[i];
    if (change.demands) this.demands = change.demands[i];
    for (const key of change.rejects ?? []) this.rejects.show(key, side === 'after');
    for (const id of change.dropOrphans ?? []) {
      if (side === 'after') this.droppedOrphans.add(id);
      else this.droppedOrphans.delete(id);
    }
    for (const a of change.annotations) {
      if (a.swap) this.swapPlaces(a.id, a.swap);
      const value = a[side];
      if (value) {
        this.data.set(a.id, value);
        this.live.add(a.id);
      } else this.live.delete(a.id);
    }
  }

  private liveData(id: string): AnnotationData {
    const d = this.data.get(id);
    if (!d || !this.live.has(id)) throw new Error(`unknown annotation "${id}"`);
    return d;
  }

  private liveIdsWhere(test: (a: AnnotationData) => boolean): string[] {
    return [...this.live].filter((id) => test(this.data.get(id)!));
  }

  /** Exchanges the tracked positions of two keys (one of them deleted by text edits: left as is). */
  private swapPlaces(id: string, other: string): void {
    const spans = this.tracker.spans();
    const x = spans.find((sp) => sp.id === id);
    const y = spans.find((sp) => sp.id === other);
    if (!x || !y) return;
    this.history.forget(id);
    this.tracker.place(new Map([[id, { id, start: y.start, end: y.end }], [other, { id: other, start: x.start, end: x.end }]]));
  }

  /** A live annotation to [start, end) as one change, its data from `before` to `after`. */
  private moveTo(id: string, before: AnnotationData, after: AnnotationData, start: number, end: number, label: string): void {
    if (!this.tracker.spans().some((sp) => sp.id === id)) {
      this.trackAt(id, start, end);
      this.commit({ label, annotations: [{ id, before, after }] });
      return;
    }
    // The new place is tracked under a key of its own; committing swaps it with the old one.
    const swap = `${id}\u0000was${++this.swaps}`;
    this.tracker.place(new Map([[swap, { id: swap, start, end }]]));
    this.commit({ label, annotations: [{ id, before, after, swap }] });
  }

  private trackAt(id: string, start: number, end: number): void {
    this.history.forget(id);
    this.tracker.place(new Map([[id, { id, start, end }]]));
  }

  private noteId(id: string): void {
    const m = /^a(\d+)$/.exec(id);
    if (m) this.highestId = Math.max(this.highestId, Number(m[1]));
  }
}
