// Which colour slot a speaker is drawn in. Slots are theme colours attributionLens.speaker1..N.
import { Sidecar, SPEAKER_KINDS } from './model';

export const PALETTE_SIZE = 10;

/** 1-based slot: by the speaker's place in the sidecar (stable as people add speakers), or by kind. */
export function speakerSlot(sidecar: Sidecar, speakerId: string, colorBy: 'speaker' | 'kind'): number {
  const speaker = sidecar.speakers.get(speakerId);
  if (colorBy === 'kind') return SPEAKER_KINDS.indexOf(speaker?.kind ?? 'person') + 1;
  let i = 0;
  for (const id of sidecar.speakers.keys()) {
    if (id === speakerId) return (i % PALETTE_SIZE) + 1;
    i++;
  }
  return PALETTE_SIZE;
}

/** All slots at once, for drawing many spans. */
export function speakerSlots(sidecar: Sidecar, colorBy: 'speaker' | 'kind'): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of sidecar.speakers.keys()) out.set(id, speakerSlot(sidecar, id, colorBy));
  return out;
}
