// The rejected suggestions of an AnnotationSession (sidecar key `rejected`). Their positions live
// in the session's AnchorTracker, under keys no annotation id can take, so they move with text
// edits (and VS Code's text Undo) exactly as annotations do; a reject is undone by hiding its key.
import { AnchorTracker } from './anchorTracker';
import { anchorContext, reanchor } from './anchoring';
import { RejectedSuggestion, Sidecar } from './model';
import { OffsetConverter } from './text';

type RejectedData = Omit<RejectedSuggestion, 'start' | 'end'>;

const KEY_PREFIX = '\u0000rejected:';

export class RejectedList {
  private readonly data = new Map<string, RejectedData>();
  /** Keys shown now; the others were rejected and then undone (redo shows them again). */
  private readonly live = new Set<string>();
  /** Read from the sidecar but not found on the text: written back as they were. */
  private readonly unplaced: RejectedSuggestion[] = [];
  private serial = 0;

  /** Places the sidecar's rejected entries on `text`: at their offsets when the text is there, else where their context says. */
  constructor(
    private readonly tracker: AnchorTracker,
    text: string,
    base: Sidecar,
  ) {
    const converter = base.document.offsets === 'codepoint' ? new OffsetConverter(text) : undefined;
    for (const r of base.rejected ?? []) {
      const start = converter ? converter.toUtf16(r.start) : r.start;
      const end = converter ? converter.toUtf16(r.end) : r.end;
      const at = text.slice(start, end) === r.text ? { start, end } : reanchor(text, { id: '', ...r, start, end }, start);
      if (at) this.show(this.add({ ...r, ...at }), true);
      else this.unplaced.push(r);
    }
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

  /** The rejected entries now, where their text is now (and those never placed, as read). */
  list(): RejectedSuggestion[] {
    const out: RejectedSuggestion[] = [];
    for (const s of this.tracker.spans()) {
      if (this.live.has(s.id)) out.push({ ...this.data.get(s.id)!, start: s.start, end: s.end });
    }
    return [...out.sort((a, b) => a.start - b.start || a.end - b.end), ...this.unplaced];
  }

  /** The entries to write for `text`: anchors refreshed from it, offsets in the sidecar's unit. */
  forSidecar(text: string, converter: OffsetConverter | undefined): RejectedSuggestion[] {
    const asRead = new Set(this.unplaced);
    return this.list().map((r) => {
      if (asRead.has(r)) return r;
      const out: RejectedSuggestion = { ...r, ...anchorContext(text, r.start, r.end) };
      if (converter) {
        out.start = converter.toCodePoint(r.start);
        out.end = converter.toCodePoint(r.end);
      }
      return out;
    });
  }
}
