// Speaker clustering: the source spans of one article grouped into speakers ("Jeremy Corbyn",
// "Corbyn", "Mr Corbyn", "he" -> one), reusing the sidecar's speakers by name, alias and
// surname. Rules, not learning: each decision keeps the rule's name so the hover card can say
// why ("speaker: pronoun he -> Jeremy Corbyn"). One pass in text order with hash lookups and
// "last seen" antecedents, so an article of any length costs linear time.
import { Annotation, Sidecar, Speaker, SpeakerKind } from '../model';
import { normalForm, parseSource, SpeakerForm } from './speakerForms';

export interface SourceSpan {
  start: number;
  end: number;
  text: string;
}

export interface ResolvedMention extends SourceSpan {
  speaker: string;
  /** How the speaker was decided, e.g. "speaker: surname Corbyn -> Jeremy Corbyn". */
  rule: string;
}

export interface ResolvedSource {
  /** The id of the speaker the attribution is by (a group for "X and Y"); none when no rule found one. */
  speaker?: string;
  rule?: string;
  /** The mentions inside the source span (the name without "a statement from"; each of "X and Y"). */
  mentions: ResolvedMention[];
}

export interface SpeakerClustering {
  /** Speakers not in the sidecar, in order of first mention (members before their group). */
  speakers: Speaker[];
  /** One per source span given, in the same order. */
  sources: ResolvedSource[];
}

interface Cluster {
  uid: number;
  existing?: Speaker;
  kind: SpeakerKind;
  plural: boolean;
  /** Non-pronoun forms seen: normalised -> as written, and whether it is a proper name. */
  forms: Map<string, { text: string; proper: boolean }>;
  members: Cluster[];
  given?: string;
  id?: string;
  name?: string;
}

interface Antecedents {
  person?: Cluster;
  org?: Cluster;
  group?: Cluster;
  /** The last group of two members, for "the two leaders" / "both". */
  pair?: Cluster;
  plural?: Cluster;
  any?: Cluster;
  anyEnd: number;
}

const DEFINITE = /^(?:the|these|those|this|both)\s/i;
const GENERIC_GROUP_NOUNS = /^(?:groups|organisations|organizations|leaders|representatives|bodies|parties|campaigners|members|two|both)$/;
const PAIR = /\b(?:two|both)\b/i;
/** "chair of the Jewish Leadership Council": the organisation an office-holder speaks for. */
const OFFICE_OF = /^(?:the\s+|a\s+|an\s+)?(?:[\p{Ll}-]+\s+){1,3}(?:of|at|for)\s+(?:the\s+)?(\p{Lu}.*)$/u;

/** Clusters the sources (any order) of one article; `existing` gives speakers to reuse and mentions as antecedents. */
export function clusterSpeakers(text: string, sources: readonly SourceSpan[], existing?: Pick<Sidecar, 'speakers' | 'annotations'>): SpeakerClustering {
  const state = new Clustering(existing);
  const order = sources.map((_, k) => k).sort((a, b) => sources[a].start - sources[b].start);
  const antecedentMentions = (existing?.annotations ?? []).filter((a) => a.type === 'mention' && a.speaker && existing!.speakers.has(a.speaker)).sort((a, b) => a.start - b.start);
  let next = 0;
  const pending: { k: number; c?: Cluster; label?: string; mentions: { form: SpeakerForm; c: Cluster; label: string }[] }[] = [];
  for (const k of order) {
    const src = sources[k];
    for (; next < antecedentMentions.length && antecedentMentions[next].start < src.start; next++) state.seeExisting(antecedentMentions[next]);
    pending.push({ k, ...state.resolveSource(text, src) });
  }
  const used = state.finish();
  const out: ResolvedSource[] = new Array(sources.length);
  const rule = (label: string, c: Cluster) => `speaker: ${label} -> ${c.name}`;
  for (const p of pending) {
    out[p.k] = {
      speaker: p.c?.id,
      rule: p.c && p.label ? rule(p.label, p.c) : undefined,
      mentions: p.mentions.map((m) => ({ start: m.form.start, end: m.form.end, text: m.form.text, speaker: m.c.id!, rule: rule(m.label, m.c) })),
    };
  }
  return { speakers: used, sources: out };
}

class Clustering {
  private readonly clusters: Cluster[] = [];
  private readonly byForm = new Map<string, Cluster>();
  private readonly bySurname = new Map<string, Cluster>();
  private readonly byOrgWord = new Map<string, Cluster>();
  private readonly byAnon = new Map<string, Cluster>();
  private readonly byMembers = new Map<string, Cluster>();
  private readonly byExistingId = new Map<string, Cluster>();
  private readonly takenIds = new Set<string>();
  private readonly last: Antecedents = { anyEnd: -1 };

  constructor(existing?: Pick<Sidecar, 'speakers'>) {
    for (const s of existing?.speakers.values() ?? []) {
      this.takenIds.add(s.id);
      const c = this.newCluster(s.kind, parseSource(s.name, 0, s.name.length)[0]?.plural ?? false, s);
      c.id = s.id;
      c.name = s.name;
      this.byExistingId.set(s.id, c);
      for (const name of [s.name, ...s.aliases]) {
        const forms = parseSource(name, 0, name.length);
        this.byForm.set(normalForm(name), c);
        if (forms.length === 1) this.register(forms[0], c, forms[0].type === 'name');
      }
    }
    for (const c of this.byExistingId.values()) {
      c.members = c.existing!.members.map((id) => this.byExistingId.get(id)).filter((m): m is Cluster => !!m);
      if (c.members.length > 1) this.byMembers.set(membersKey(c.members), c);
    }
  }

  seeExisting(a: Annotation): void {
    const c = this.byExistingId.get(a.speaker!);
    if (c) this.see(c, a.end);
  }

  resolveSource(text: string, src: SourceSpan): { c?: Cluster; label?: string; mentions: { form: SpeakerForm; c: Cluster; label: string }[] } {
    const forms = parseSource(text, src.start, src.end);
    if (forms.length === 0) return { mentions: [] };
    if (forms.length === 1) {
      const r = this.resolve(text, forms[0]);
      return r ? { ...r, mentions: [{ form: forms[0], ...r }] } : { mentions: [] };
    }
    const parts = forms.map((f) => ({ form: f, ...(this.resolve(text, f) ?? { c: undefined, label: '' }) }));
    const members = [...new Set(parts.map((p) => p.c).filter((c): c is Cluster => !!c))];
    const mentions = parts.filter((p): p is { form: SpeakerForm; c: Cluster; label: string } => !!p.c);
    if (members.length < 2) return { c: members[0], label: parts[0].label, mentions };
    const bodies = this.officesOf(text, src, forms);
    const group = this.groupOf(bodies ?? members);
    this.see(group, src.end);
    return { c: group, label: bodies ? 'office-holders speak for their organisations' : `coordination of ${members.length}`, mentions };
  }

  private groupOf(members: Cluster[]): Cluster {
    const key = membersKey(members);
    let group = this.byMembers.get(key);
    if (!group) {
      group = this.newCluster('group', true);
      group.members = members;
      this.byMembers.set(key, group);
    }
    return group;
  }

  /**
   * "X, chair of A, and Y, president of B, said": when every person of a coordination is
   * introduced as holding an office of an organisation, they speak jointly for those
   * organisations, as a joint statement does.
   */
  private officesOf(text: string, src: SourceSpan, forms: SpeakerForm[]): Cluster[] | undefined {
    if (!forms.every((f) => f.kind === 'person' && f.descriptions.length)) return undefined;
    const bodies: Cluster[] = [];
    for (const f of forms) {
      const org = OFFICE_OF.exec(f.descriptions[0])?.[1];
      const at = org ? text.indexOf(org, f.end) : -1;
      const parsed = at >= 0 && at < src.end ? parseSource(text, at, at + org!.length) : [];
      if (parsed.length !== 1 || parsed[0].kind !== 'organisation') return undefined;
      const r = this.lookup(parsed[0]) ?? { c: this.newCluster('organisation', false) };
      this.register(parsed[0], r.c, true);
      bodies.push(r.c);
    }
    const distinct = [...new Set(bodies)];
    return distinct.length > 1 ? distinct : undefined;
  }

  private resolve(text: string, f: SpeakerForm): { c: Cluster; label: string } | undefined {
    const found = this.lookup(f);
    if (f.type === 'pronoun' || f.type === 'relative') {
      if (found) this.see(found.c, f.end);
      return found;
    }
    const r = found ?? { c: this.newCluster(f.kind, f.plural), label: f.type === 'anonymous' ? 'new anonymous source' : `new ${f.type}` };
    this.register(f, r.c, f.type === 'name');
    // "Jeremy Corbyn, the Labour leader," just after the source span: the description is an alias.
    const after = /^\s*,\s*((?:the|a|an)\s+[^,.;:"“”()]{2,60}?)\s*,/.exec(text.slice(f.end, f.end + 80));
    if (f.type === 'name' && after) this.addForm(r.c, after[1], false);
    this.see(r.c, f.end);
    return r;
  }

  private lookup(f: SpeakerForm): { c: Cluster; label: string } | undefined {
    const last = this.last;
    switch (f.type) {
      case 'pronoun': {
        const p = f.pronoun!;
        const c = f.kind === 'person' ? last.person : p === 'it' ? (last.org ?? last.group) : last.plural;
        return c && { c, label: `pronoun ${p}` };
      }
      case 'relative': {
        // ", who said": the speaker just named; otherwise the nearest one of the right kind.
        const adjacent = last.any && f.start - last.anyEnd <= 3 ? last.any : undefined;
        const c = adjacent ?? (f.pronoun === 'who' || f.pronoun === 'whom' ? last.person : last.org);
        return c && { c, label: `relative ${f.pronoun}` };
      }
      default:
    }
    const bare = f.text.replace(/\s*\(([\p{Lu}]{2,})\)$/u, '');
    const known = this.byForm.get(normalForm(f.text)) ?? (bare !== f.text ? this.byForm.get(normalForm(bare)) : undefined);
    if (known) return { c: known, label: known.existing ? `name or alias ${f.text}` : `same name ${f.text}` };
    if (f.type === 'anonymous') {
      const c = this.byAnon.get(f.anonKey!);
      return c && { c, label: `anonymous source ${f.text}` };
    }
    if (f.type === 'name' && f.kind === 'person' && f.surname) {
      const c = this.bySurname.get(f.surname);
      if (c && !(f.given && c.given && f.given !== c.given)) return { c, label: `${f.titled ? 'title and surname' : 'surname'} ${f.text}` };
    }
    if (f.type === 'description' && DEFINITE.test(f.text) && f.head) {
      // "the party" after "the Labour Party"; "the group" / "the two organisations" after a group.
      const named = f.kind === 'organisation' ? this.byOrgWord.get(f.head) : undefined;
      if (named) return { c: named, label: `description ${f.text}` };
      const c = f.plural && GENERIC_GROUP_NOUNS.test(f.head) ? ((PAIR.test(f.text) && last.pair) || last.group) : f.kind === 'organisation' ? last.org : undefined;
      if (c) return { c, label: `description ${f.text} (nearest ${f.plural ? 'group' : 'organisation'})` };
    }
    return undefined;
  }

  private register(f: SpeakerForm, c: Cluster, proper: boolean): void {
    if (!c.existing) this.addForm(c, f.text, proper);
    else this.byForm.set(normalForm(f.text), c);
    for (const d of f.descriptions) this.addForm(c, d, false);
    const acronym = /\(([\p{Lu}]{2,})\)$/u.exec(f.text);
    if (acronym) {
      this.addForm(c, acronym[1], true);
      this.addForm(c, f.text.slice(0, acronym.index).trim(), true);
    }
    if (f.type === 'name' && f.kind === 'person' && f.surname && c.kind === 'person') {
      this.bySurname.set(f.surname, c);
      if (f.given) c.given ??= f.given;
    }
    if (f.type === 'name' && f.kind === 'organisation') {
      for (const w of f.text.toLowerCase().split(/[\s()]+/)) if (w.length > 2) this.byOrgWord.set(w, c);
    }
    if (f.type === 'anonymous' && f.anonKey) this.byAnon.set(f.anonKey, c);
    if (f.type === 'name' && c.kind === 'person' && f.kind === 'organisation' && !c.existing) c.kind = 'organisation';
  }

  private addForm(c: Cluster, text: string, proper: boolean): void {
    const key = normalForm(text);
    if (!key) return;
    if (!this.byForm.has(key)) this.byForm.set(key, c);
    if (c.existing) return;
    // Forms kept as written: "Mr Corbyn" and "Mr. Corbyn" match alike but both are aliases.
    const shown = displayKey(text);
    const had = c.forms.get(shown);
    if (!had || (proper && !had.proper)) c.forms.set(shown, { text, proper });
  }

  private see(c: Cluster, end: number): void {
    const last = this.last;
    last.any = c;
    last.anyEnd = end;
    if (c.kind === 'person' || (c.kind === 'anonymous' && !c.plural)) last.person = c;
    if (c.kind === 'organisation') last.org = c;
    if (c.kind === 'group') last.group = c;
    if (c.kind === 'group' && c.members.length === 2) last.pair = c;
    if (c.kind === 'organisation' || c.kind === 'group' || (c.kind === 'anonymous' && c.plural)) last.plural = c;
  }

  private newCluster(kind: SpeakerKind, plural: boolean, existing?: Speaker): Cluster {
    const c: Cluster = { uid: this.clusters.length, kind, plural, forms: new Map(), members: [], existing };
    this.clusters.push(c);
    return c;
  }

  /** Names, aliases and ids of the new speakers; returns them in order of creation. */
  finish(): Speaker[] {
    const out: Speaker[] = [];
    for (const c of this.clusters) {
      if (c.existing) continue;
      const forms = [...c.forms.values()];
      const proper = forms.filter((f) => f.proper);
      // The longest proper name; a description only when there is none, the first not anaphoric ("Jewish groups", not "the groups").
      const longest = (fs: typeof forms) => fs.reduce((a, b) => (b.text.length > a.text.length ? b : a)).text;
      const description = forms.find((f) => !DEFINITE.test(f.text))?.text ?? forms[0]?.text;
      c.name = proper.length ? longest(proper) : c.members.length > 1 ? c.members.map((m) => m.name).join(' and ') : (description ?? 'unnamed speaker');
      const nameKey = displayKey(c.name);
      const aliases = forms.filter((f) => displayKey(f.text) !== nameKey).map((f) => f.text);
      c.id = freshId(slug(c.name), (id) => this.takenIds.has(id));
      this.takenIds.add(c.id);
      out.push({ id: c.id, name: c.name, kind: c.kind, aliases, members: c.members.map((m) => m.id!) });
    }
    return out;
  }
}

/** Forms that differ only in case, spacing or a leading article are written once. */
function displayKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:the|a|an) /, '');
}

function membersKey(members: Cluster[]): string {
  return members
    .map((m) => m.uid)
    .sort((a, b) => a - b)
    .join(',');
}

export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s.slice(0, 32).replace(/-$/, '') || 'speaker';
}

export function freshId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let k = 2; ; k++) if (!taken(`${base}-${k}`)) return `${base}-${k}`;
}
