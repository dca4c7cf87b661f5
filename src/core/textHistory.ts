// The text states an article went through, so that after VS Code's Undo or Redo every
// annotation is exactly where it was when the text was last in that state.
//
// Moving spans through the edit Undo replays is not enough: the rules are not invertible at
// span edges. Deleting " carefully" at the end of a response moves its end back; Undo
// re-inserts the words at that end, and typing at an end does not extend a span, so the
// response would stay short for good. And VS Code undoes several keystrokes as one edit, so
// Undo is not one recorded edit either.
//
// So the history is a line of states (VS Code drops its redo stack on a new edit, and so do
// we), each known by its text's fingerprint, with the steps between them: the edits and, for
// the few spans an edit did not simply shift, their positions on both sides ("pins"). A span
// that an edit only shifted is shifted back exactly by its inverse. When Undo or Redo lands on
// a text seen before, the steps are replayed to it in the right direction, with each pinned
// span put back where it was. Annotations marked since get pinned as they are crossed, so
// they come back exactly too.
//
// Memory: a step holds its edit's three numbers and pins only for spans at the edit's edges;
// the history keeps at most MAX_WEIGHT parts plus pins, dropping the oldest states first.
import { AnchorTracker, mapSpan, TextEdit, touches, TrackedSpan } from './anchorTracker';

/** Where a span is on one side of an edit; null: not tracked there (its text was deleted). */
type Pin = TrackedSpan | null;

interface Part {
  /** One edit of a change, in the text as the change's earlier parts left it. */
  edit: TextEdit;
  /** Pinned spans before the edit (on the older side of the step). */
  below?: Map<string, Pin>;
  /** The same spans, and any pinned while crossing back, after the edit. */
  above?: Map<string, Pin>;
}

const MAX_WEIGHT = 50_000;

export class TextHistory {
  /** states[i]: the fingerprint of the text in state i; steps[i] leads from state i to state i + 1. */
  private states: string[];
  private steps: Part[][] = [];
  private weights: number[] = [];
  private weight = 0;
  private at = 0;

  constructor(
    fingerprint: string,
    private readonly maxWeight = MAX_WEIGHT,
  ) {
    this.states = [fingerprint];
  }

  /** How many states are kept, and their weight (parts plus pins): what the cap bounds. */
  get size(): { states: number; weight: number } {
    return { states: this.states.length, weight: this.weight };
  }

  /** A new edit (typing, paste, anything but Undo and Redo): moves the spans by the rules and becomes the newest state. */
  record(tracker: AnchorTracker, edits: readonly TextEdit[], fingerprint: string): void {
    let weight = 0;
    const parts = edits.map((edit): Part => {
      const effect = tracker.apply(edit);
      weight++;
      if (effect.before.length === 0) return { edit };
      const after = new Map(effect.after.map((s) => [s.id, s]));
      const below = new Map<string, Pin>();
      const above = new Map<string, Pin>();
      for (const s of effect.before) {
        below.set(s.id, s);
        above.set(s.id, after.get(s.id) ?? null);
      }
      weight += 2 * below.size;
      return { edit, below, above };
    });
    if (this.steps.length > this.at) {
      // A new edit after Undo: like VS Code, the states that Redo could have gone to are gone.
      for (let s = this.at; s < this.steps.length; s++) this.weight -= this.weights[s];
      this.states.length = this.at + 1;
      this.steps.length = this.at;
      this.weights.length = this.at;
    }
    this.steps.push(parts);
    this.weights.push(weight);
    this.weight += weight;
    this.states.push(fingerprint);
    this.at++;
    this.trim();
  }

  /**
   * VS Code's Undo or Redo made the text `fingerprint`: when that is the nearest earlier (Undo) or
   * later (Redo) state, puts every span where it was there and returns true. False when the state
   * is not known (older than the history, or edited before the history began).
   */
  travel(tracker: AnchorTracker, fingerprint: string, direction: 'undo' | 'redo'): boolean {
    let target = -1;
    if (direction === 'undo') {
      for (let i = this.at - 1; i >= 0 && target < 0; i--) if (this.states[i] === fingerprint) target = i;
    } else {
      for (let i = this.at + 1; i < this.states.length && target < 0; i++) if (this.states[i] === fingerprint) target = i;
    }
    if (target < 0) return false;
    const overlay = new Overlay(tracker);
    if (target < this.at) {
      for (let s = this.at - 1; s >= target; s--) {
        const parts = this.steps[s];
        for (let p = parts.length - 1; p >= 0; p--) this.cross(overlay, s, parts[p], 'down');
      }
    } else {
      for (let s = this.at; s < target; s++) for (const part of this.steps[s]) this.cross(overlay, s, part, 'up');
    }
    overlay.finish();
    this.at = target;
    return true;
  }

  /** The span was placed anew (an annotation added with a given id): what the history knew of it no longer holds. */
  forget(id: string): void {
    for (const parts of this.steps) {
      for (const part of parts) {
        part.below?.delete(id);
        part.above?.delete(id);
      }
    }
  }

  private cross(overlay: Overlay, step: number, part: Part, direction: 'up' | 'down'): void {
    const up = direction === 'up';
    const edit = up ? part.edit : { offset: part.edit.offset, length: part.edit.inserted, inserted: part.edit.length };
    const from = (up ? part.below : part.above) ?? new Map<string, Pin>();
    const to = (up ? part.above : part.below) ?? new Map<string, Pin>();
    const added = from.size + to.size;
    // A span the edit touches gets pinned on both sides (so every pinned span is on both):
    // one marked since the last crossing, say, then comes back exactly when crossed back.
    for (const [id, before, after] of overlay.apply(edit)) {
      from.set(id, before);
      if (!to.has(id)) to.set(id, after);
    }
    for (const [id, pin] of to) overlay.put(id, pin);
    if (from.size) {
      if (up) [part.below, part.above] = [from, to];
      else [part.above, part.below] = [from, to];
    }
    const grown = from.size + to.size - added;
    this.weights[step] += grown;
    this.weight += grown;
  }

  private trim(): void {
    if (this.weight <= this.maxWeight) return;
    // Drop a tenth at a time, so a long session does not pay a shift on every keystroke.
    let drop = 0;
    let dropped = 0;
    while (drop < this.at && (this.weight - dropped > this.maxWeight * 0.9 || drop === 0)) dropped += this.weights[drop++];
    this.states.splice(0, drop);
    this.steps.splice(0, drop);
    this.weights.splice(0, drop);
    this.weight -= dropped;
    this.at -= drop;
  }
}

/**
 * The tracker during a replay: spans put back by pins live here, moved one by one, until the
 * replay ends and the tracker takes them all in one reset.
 */
class Overlay {
  private readonly moved = new Map<string, Pin>();
  constructor(private readonly tracker: AnchorTracker) {}

  put(id: string, pin: Pin): void {
    this.moved.set(id, pin);
  }

  /** Applies the edit to every span; returns each span it touched, with its positions before and after. */
  apply(edit: TextEdit): [string, Pin, Pin][] {
    const out: [string, Pin, Pin][] = [];
    const effect = this.tracker.apply(edit);
    const after = new Map(effect.after.map((s) => [s.id, s]));
    for (const s of effect.before) if (!this.moved.has(s.id)) out.push([s.id, s, after.get(s.id) ?? null]);
    for (const [id, pin] of this.moved) {
      if (!pin) continue;
      const next = mapSpan(pin, edit);
      if (touches(pin, edit)) out.push([id, pin, next]);
      this.moved.set(id, next);
    }
    return out;
  }

  finish(): void {
    this.tracker.place(this.moved);
  }
}
