import * as vscode from 'vscode';
import { HighlightFlags } from '../core/highlightFilter';
import { DEFAULT_SIDECAR_PATTERN } from '../core/sidecarPath';

export const SECTION = 'attributionLens';

export interface Config {
  highlight: HighlightFlags;
  colorBy: 'speaker' | 'kind';
  sidecarPattern: string;
  /** What to do with a sidecar when its article is deleted in VS Code. */
  sidecarOnArticleDelete: 'ask' | 'delete' | 'keep';
  /** Propose suggestions on opening an article that has no sidecar. */
  suggestOnOpen: boolean;
}

const ON_DELETE = ['ask', 'delete', 'keep'] as const;

export function readConfig(): Config {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    highlight: {
      mention: c.get('highlight.mentions', true),
      quote: c.get('highlight.quotes', true),
      demand: c.get('highlight.demands', true),
      response: c.get('highlight.responses', true),
      aliases: c.get('highlight.aliases', true),
      enabled: c.get('highlight.enabled', true),
      aliasesInQuotes: c.get('highlight.aliasesInQuotes', false),
    },
    colorBy: c.get('colorBy') === 'kind' ? 'kind' : 'speaker',
    sidecarPattern: c.get('sidecarPattern', DEFAULT_SIDECAR_PATTERN) || DEFAULT_SIDECAR_PATTERN,
    sidecarOnArticleDelete: ON_DELETE.find((m) => m === c.get('sidecarOnArticleDelete')) ?? 'ask',
    suggestOnOpen: c.get('suggest.onOpen') === true,
  };
}
