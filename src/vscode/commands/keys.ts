// The editing commands' default keys: package.json contributes the same strings (a test checks
// that they agree and that VS Code binds none of them by default). All are chords after
// Ctrl+Alt+A ("A" for Attribution), which VS Code leaves free.
export const KEYS = {
  markMention: 'ctrl+alt+a m',
  markQuote: 'ctrl+alt+a q',
  markDemand: 'ctrl+alt+a d',
  markResponse: 'ctrl+alt+a r',
  editAnnotation: 'ctrl+alt+a e',
  deleteAnnotation: 'ctrl+alt+a x',
  setSpanToSelection: 'ctrl+alt+a t',
  growSpanEnd: 'ctrl+alt+a shift+right',
  shrinkSpanEnd: 'ctrl+alt+a shift+left',
  growSpanStart: 'ctrl+alt+a alt+shift+left',
  shrinkSpanStart: 'ctrl+alt+a alt+shift+right',
  nextAnnotation: 'ctrl+alt+a n',
  previousAnnotation: 'ctrl+alt+a p',
  showReferences: 'ctrl+alt+a f',
  undo: 'ctrl+alt+a z',
  redo: 'ctrl+alt+a y',
  suggestAnnotations: 'ctrl+alt+a s',
  acceptSuggestion: 'ctrl+alt+a enter',
  rejectSuggestion: 'ctrl+alt+a backspace',
  nextSuggestion: 'ctrl+alt+a down',
  previousSuggestion: 'ctrl+alt+a up',
} as const;

/** The OS the keys are pressed on: Node's platform, or in a web worker the browser's (there is no `process`). */
function hostPlatform(): string {
  if (typeof process === 'object' && process.platform) return process.platform;
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? '';
  return /Mac|iPhone|iPad/.test(agent) ? 'darwin' : 'other';
}

/** A key as VS Code writes it in menus: "Ctrl+Alt+A Z", or "⌃⌥A Z" on macOS. */
export function keyLabel(key: string, platform = hostPlatform()): string {
  const mac = platform === 'darwin';
  const names: Record<string, string> = mac ? { ctrl: '⌃', alt: '⌥', shift: '⇧', cmd: '⌘' } : { ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift', cmd: 'Win' };
  return key
    .split(' ')
    .map((chord) =>
      chord
        .split('+')
        .map((part) => names[part] ?? part.toUpperCase())
        .join(mac ? '' : '+'),
    )
    .join(' ');
}
