// HTML that is safe by construction: the `html` tag escapes every interpolated string and
// number, and markup passes through only as a SafeHtml, which only this file makes: the tag
// itself, htmlLines() (the tag's output one per line) and trustedHtml() for constants (the
// report's stylesheet and script). No function takes a plain string and calls it markup.
//
// The tag also knows where each interpolation sits (it scans the template's fixed text once per
// call site) and refuses what escaping alone cannot make safe:
//   - in text: a string or number (escaped), a SafeHtml, or an array of those (joined);
//   - in a quoted attribute value: a string or number only, escaped for that quote;
//   - anywhere else inside a tag (a name, an unquoted value) or in a comment: nothing;
//   - in a <script> or <style> body: a SafeHtml (trustedHtml) or, in a script, scriptJson();
//     never one that contains its own end tag.
// A template must end outside any tag, quote or comment, so a SafeHtml put into text leaves the
// outer template where it was: what the scan saw is what the browser parses.

const TOKEN = Symbol('SafeHtml');

/** Markup made by this file only (see above); everything else is text to escape. */
export class SafeHtml {
  readonly #html: string;
  constructor(token: symbol, html: string) {
    if (token !== TOKEN) throw new TypeError('SafeHtml is made only by html`…`, htmlLines() and trustedHtml()');
    this.#html = html;
    Object.freeze(this);
  }
  /** A real SafeHtml, not one faked with Object.create or a look-alike object. */
  static is(value: unknown): value is SafeHtml {
    return typeof value === 'object' && value !== null && #html in value;
  }
  toString(): string {
    return this.#html;
  }
}

/** Data for a <script type="application/json"> block, serialised so it stays data there. */
export class ScriptJson {
  readonly #json: string;
  constructor(value: unknown) {
    this.#json = jsonForScript(value);
    Object.freeze(this);
  }
  static is(value: unknown): value is ScriptJson {
    return typeof value === 'object' && value !== null && #json in value;
  }
  toString(): string {
    return this.#json;
  }
}

export type HtmlValue = string | number | SafeHtml | ScriptJson | readonly HtmlValue[];

export function scriptJson(value: unknown): ScriptJson {
  return new ScriptJson(value);
}

/** The tag: `html\`<td class="${cls}">${value}</td>\``; see the top of this file. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  const contexts = contextsOf(strings);
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += interpolate(values[i], contexts[i]) + strings[i + 1];
  return new SafeHtml(TOKEN, out);
}

/** The parts one a line, each as if interpolated in text. */
export function htmlLines(parts: readonly HtmlValue[]): SafeHtml {
  return new SafeHtml(TOKEN, parts.map((p) => interpolate(p, TEXT)).join('\n'));
}

/**
 * A constant that is markup (or a script or style body) as it stands: only string literal
 * types are accepted, so a value computed at run time cannot get here. Keep the callers few.
 */
export function trustedHtml<T extends string>(constant: string extends T ? never : T): SafeHtml {
  return new SafeHtml(TOKEN, constant);
}

/** The five characters that matter in text and in either kind of quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** JSON that stays data inside <script type="application/json">: no "</script", "<!--" or line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

type Context =
  | { kind: 'text' }
  | { kind: 'attr'; quote: '"' | "'"; tag: Tag }
  | { kind: 'tag'; tag: Tag }
  | { kind: 'comment' }
  | { kind: 'raw'; element: 'script' | 'style' };
/** The tag being read: after it, a <script> or <style> body is raw text, not markup. */
interface Tag {
  name: string;
  closing: boolean;
}
const TEXT: Context = { kind: 'text' };

function interpolate(value: HtmlValue, context: Context): string {
  if (Array.isArray(value)) {
    if (context.kind !== 'text') throw new TypeError(`html\`\`: an array in ${where(context)}; only in text`);
    return value.map((v) => interpolate(v, context)).join('');
  }
  switch (context.kind) {
    case 'text':
      if (SafeHtml.is(value)) return value.toString();
      return escapeHtml(scalar(value, context));
    case 'attr': {
      // In "…" a ' is harmless and stays (the CSP's 'none' reads as written), and the other way round.
      const s = scalar(value, context);
      return context.quote === '"' ? s.replace(/[&<>"]/g, (c) => ESCAPES[c]) : escapeHtml(s);
    }
    case 'raw': {
      const body = SafeHtml.is(value) || (context.element === 'script' && ScriptJson.is(value)) ? value.toString() : undefined;
      if (body === undefined) throw new TypeError(`html\`\`: ${describe(value)} in ${where(context)}; only trustedHtml()${context.element === 'script' ? ' or scriptJson()' : ''}`);
      if (new RegExp(`</${context.element}|<!--`, 'i').test(body)) throw new Error(`html\`\`: a ${context.element} body that would end its element early`);
      return body;
    }
    default:
      throw new TypeError(`html\`\`: ${describe(value)} in ${where(context)}; interpolate only in text or in a quoted attribute value`);
  }
}

/** A string or number as text; anything else (a SafeHtml in an attribute, undefined, NaN) is a bug. */
function scalar(value: unknown, context: Context): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new TypeError(`html\`\`: ${describe(value)} in ${where(context)}`);
}

function describe(value: unknown): string {
  if (SafeHtml.is(value)) return 'markup';
  if (ScriptJson.is(value)) return 'scriptJson()';
  if (typeof value === 'number') return `the number ${value}`;
  return value === null ? 'null' : typeof value;
}

function where(context: Context): string {
  switch (context.kind) {
    case 'attr':
      return 'an attribute value';
    case 'tag':
      return 'a tag (a name or an unquoted value)';
    case 'raw':
      return `a <${context.element}> body`;
    default:
      return context.kind;
  }
}

const CONTEXTS = new WeakMap<TemplateStringsArray, Context[]>();

/** The context of each interpolation of a template, scanned once per call site. */
function contextsOf(strings: TemplateStringsArray): Context[] {
  let contexts = CONTEXTS.get(strings);
  if (contexts) return contexts;
  contexts = [];
  let state: Context = TEXT;
  strings.forEach((chunk, i) => {
    state = scan(state, chunk);
    if (i === strings.length - 1) {
      if (state.kind !== 'text') throw new Error(`html\`\`: the template ends inside ${where(state)}: ${JSON.stringify(strings.join('${…}').slice(-80))}`);
    } else {
      // "<" then a value: the value would be a tag name, which escaping does not guard.
      if (state.kind === 'text' && /<[/!-]*$/.test(chunk)) throw new Error(`html\`\`: an interpolation right after "<" in ${JSON.stringify(chunk.slice(-40))}`);
      contexts.push(state);
    }
  });
  CONTEXTS.set(strings, contexts);
  return contexts;
}

/** Where the parser is after `chunk`, from `state`: enough of HTML's tokenizer for our templates. */
function scan(state: Context, chunk: string): Context {
  let i = 0;
  while (i < chunk.length) {
    switch (state.kind) {
      case 'text': {
        const lt = chunk.indexOf('<', i);
        if (lt < 0) return state;
        if (chunk.startsWith('<!--', lt)) {
          state = { kind: 'comment' };
          i = lt + 4;
          break;
        }
        const m = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(chunk.slice(lt));
        if (m) {
          state = { kind: 'tag', tag: { name: m[2].toLowerCase(), closing: m[1] === '/' } };
          i = lt + m[0].length;
        } else i = lt + 1; // "<" that starts no tag ("<!DOCTYPE", "a < b"): text
        break;
      }
      case 'tag': {
        const c = chunk[i++];
        const { name, closing } = state.tag;
        if (c === '"' || c === "'") state = { kind: 'attr', quote: c, tag: state.tag };
        else if (c === '>') state = !closing && (name === 'script' || name === 'style') ? { kind: 'raw', element: name } : TEXT;
        break;
      }
      case 'attr': {
        const end = chunk.indexOf(state.quote, i);
        if (end < 0) return state;
        state = { kind: 'tag', tag: state.tag };
        i = end + 1;
        break;
      }
      case 'comment': {
        const end = chunk.indexOf('-->', i);
        if (end < 0) return state;
        state = TEXT;
        i = end + 3;
        break;
      }
      case 'raw': {
        const m = new RegExp(`</${state.element}`, 'i').exec(chunk.slice(i));
        if (!m) return state;
        state = { kind: 'tag', tag: { name: state.element, closing: true } };
        i += m.index + m[0].length;
        break;
      }
    }
  }
  return state;
}
