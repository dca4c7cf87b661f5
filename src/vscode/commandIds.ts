// Every command id in one place (package.json contributes the same ids).
export const Commands = {
  showAnnotations: 'attributionLens.showAnnotations',
  reloadSidecar: 'attributionLens.reloadSidecar',
  openSidecar: 'attributionLens.openSidecar',
  revealOffset: 'attributionLens.revealOffset',
} as const;

/** Side-bar view ids (package.json contributes the same ids under "views"). */
export const Views = {
  speakers: 'attributionLens.speakers',
  demands: 'attributionLens.demands',
} as const;

/** Commands that hover cards may link to: the allowlist for trusted command links. */
export const HOVER_LINK_COMMANDS = [Commands.revealOffset];
