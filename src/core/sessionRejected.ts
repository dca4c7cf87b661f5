// The rejected suggestions of an AnnotationSession (sidecar key `rejected`). Their positions live
// in the session's AnchorTracker, under keys no annotation id can take, so they move with text
// edits (and VS Code's text Undo) exactly as annotations do; a reject is undone by hiding its key.
// Placing them on a text read from disk, and writing them back, is rejected.ts's (as for a read).
import { AnchorTracker } from './anchorTracker';
import { rejectedToStore } from './anchoring';
import { RejectedSuggestion, Sidecar } from './model';
import { anchorRejected, RejectedPlacement } from './rejected';

type RejectedData = Omit<RejectedSuggestion, 'start' | 'end'>;

const KEY_PREFIX = '\u0000rejected:';

export class RejectedList {
  private readonly data = new Map<string, RejectedData>();
  /** Keys shown now; the others were rejected and then undone (redo shows them again). */
  private readonly live = new Set<string>();
  /** Read from the sidecar but not found on the text: written back as they were. */
  private unplaced: RejectedSuggestion[] = [];
  private serial = 0;

  /** `placement`: the sidecar's entries as its read placed them (anchorAnnotations); else placed here. */
  constructor(
    private readonly tracker: AnchorTracker,
    text: string,
    base: Sidecar,
    placement?: RejectedPlacement,
  ) {
    this.reset(placement ?? anchorRejected(base, text, [], false));
  }

  /** Replaces every entry (the text was replaced, and they were placed on the new one): not undoable, like positions. */
  reset(placement: RejectedPlacement): void {
    const gone = new Map<string, null>();
    for (const key of this.data.keys()) gone.set(key, null);
    if (gone.size) this.tracker.place(gone);
    this.data.clear();
    this.live.clear();
    for (const r of placement.placed) this.show(this.add(r), true);
    this.unplaced = [...placement.unplaced];
  }

  /**
   * After a coarse edit (a reload) took entries' words away for a moment: those of `placement`
   * (the entries as before it, placed on the new text) that are not tracked any more come back;
   * entries still tracked, rejections made meanwhile among them, stay as they are.
   */
  restore(placement: RejectedPlacement): void {
    const same = (a: RejectedSuggestion, b: RejectedSuggestion) => a.type === b.type && a.text === b.text && a.start === b.start;
    const now = this.placed();
    for (const r of placement.placed) if (!now.some((x) => same(x, r))) this.show(this.add(r), true);
    const unplaced = new Set(this.unplaced.map((r) => JSON.stringify(r)));
    this.unplaced.push(...placement.unplaced.filter((r) => !unplaced.has(JSON.stringify(r))));
  }

  /** Tracks a rejected suggestion (not shown until `show`); returns its key. */
  add(r: RejectedSuggestion): string {
    const key = `${KEY_PREFIX}${++this.serial}`;
    const { start, end, ...rest } = r;
    this.data.set(key, rest);
    this.tracker.place(new Map([[key, { id: key, start, end }]]));
    return key;
  }

  show(key: string, shown: boolean): void {
    if (shown) this.live.add(key);
    else this.live.delete(key);
  }

  /** The entries placed on the text now, where their words are now. */
  placed(): RejectedSuggestion[] {
    const out: RejectedSuggestion[] = [];
    for (const s of this.tracker.spans()) {
      if (this.live.has(s.id)) out.push({ ...this.data.get(s.id)!, start: s.start, end: s.end });
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** The entries to write for `text`: anchors refreshed from it, offsets in the sidecar's unit, unplaced ones as read. */
  forSidecar(text: string, offsets: Sidecar['document']['offsets']): RejectedSuggestion[] {
    return rejectedToStore({ placed: this.placed(), unplaced: this.unplaced }, text, offsets);
  }
}
