import * as assert from 'node:assert/strict';
import { demandNounsOf, demandsInSentence, DemandSpan, numberedItems } from '../../src/core/suggest/demandCues';
import { clauseEnd, dice, Rarity, sentences, stems } from '../../src/core/suggest/demandText';

const NOUNS = new Set(['demand', 'request', 'proposal']);

/** Demand spans of a one-sentence text, as text; `quoted` says the whole sentence is what a speaker said. */
function spans(text: string, quoted = false, nouns: ReadonlySet<string> = NOUNS): DemandSpan[] {
  return sentences(text).flatMap((s) => demandsInSentence(text, s, () => quoted, nouns));
}
const texts = (text: string, quoted = false, nouns?: ReadonlySet<string>) => spans(text, quoted, nouns).map((d) => text.slice(d.start, d.end));

describe('demands: text helpers', () => {
  it('splits sentences at full stops before capitals, not after titles, nor at a wrapped line', () => {
    const text = 'Mr. Smith spoke. He said it is time to\nact now. "Go," she said.\n\nNext one';
    assert.deepEqual(sentences(text).map((s) => text.slice(s.start, s.end)), ['Mr. Smith spoke.', 'He said it is time to\nact now.', '"Go," she said.', 'Next one']);
  });

  it('ends a clause at a semicolon, ", and", ", which" and ", Name said"', () => {
    const t = 'stop the war; and more';
    assert.equal(t.slice(0, clauseEnd(t, 0, t.length)), 'stop the war');
    for (const [text, want] of [
      ['cut taxes, which would help', 'cut taxes'],
      ['cut taxes, and raise spending', 'cut taxes'],
      ['cut taxes for all families, Smith said', 'cut taxes for all families'],
      ['cut taxes for all, including the rich', 'cut taxes for all, including the rich'],
    ]) assert.equal(text.slice(0, clauseEnd(text, 0, text.length)), want, text);
  });

  it('weighs shared words by rarity: a common word ties two spans less than a rare one', () => {
    const rarity = new Rarity(['taxes here', 'taxes there', 'taxes again', 'taxes and the pipeline', 'nothing']);
    const a = new Set(stems('taxes on the pipeline'));
    assert.ok(dice(a, new Set(stems('the pipeline plan')), rarity) > dice(a, new Set(stems('taxes plan')), rarity));
    // Kin words (procedures, process) count half.
    assert.ok(dice(new Set(stems('disciplinary procedures')), new Set(stems('disciplinary process')), rarity) > dice(new Set(stems('disciplinary procedures')), new Set(stems('disciplinary review')), rarity));
  });
});

describe('demands: cue rules', () => {
  it("verb + addressee + to: the complement is the demand and the object its addressee ('urged … to')", () => {
    const text = 'The union urged the government to scrap the pay freeze, officials said.';
    const [d] = spans(text);
    assert.equal(text.slice(d.start, d.end), 'scrap the pay freeze');
    assert.equal(text.slice(d.addressee!.start, d.addressee!.end), 'the government');
    assert.equal(d.rule, "cue 'urged … to'");
    assert.ok(d.strong);
  });

  it('"to" as a preposition ("asked for in our letter to him") is no demand', () => {
    assert.deepEqual(texts('He failed to act on the points we asked for in our letter to him of 28th March.'), []);
    assert.deepEqual(texts('She wanted to go home.'), []);
  });

  it("'called for' and 'demands for' + what is wanted; not 'for years' or 'for comment'", () => {
    assert.deepEqual(texts('Campaigners called for a public inquiry into the deaths.'), ['a public inquiry into the deaths']);
    assert.deepEqual(texts('Protesters renewed demands for the minister’s resignation.'), ['the minister’s resignation']);
    assert.deepEqual(texts('They have campaigned for years and asked for comment.'), []);
    assert.deepEqual(texts('When you are campaigning for president, it hurts.'), []);
    assert.deepEqual(texts('Scott campaigned for Clinton in Detroit.'), []);
    assert.deepEqual(texts('Parents campaigned for a ban on phones in schools.'), ['a ban on phones in schools']);
    assert.deepEqual(texts('Candidates should debate ideas, a request not always honored.'), []);
  });

  it("'demanded that' always; 'suggested that' only with a modal", () => {
    assert.deepEqual(texts('The mayor demanded that the company repay the grant.'), ['the company repay the grant']);
    assert.deepEqual(texts('Polls suggested that turnout was low.'), []);
    assert.deepEqual(texts('She suggested that the board should resign.'), ['the board should resign']);
  });

  it("a refusal to agree names the thing demanded, and who refused ('refused to agree that')", () => {
    const text = 'Jeremy Corbyn has refused to agree that MPs shouldn’t share platforms with extremists, critics said.';
    const [d] = spans(text);
    assert.equal(text.slice(d.start, d.end), 'MPs shouldn’t share platforms with extremists');
    assert.equal(text.slice(d.agent!.start, d.agent!.end), 'Jeremy Corbyn');
    assert.match(d.rule, /^refused: 'refused to agree that'$/);
  });

  it('"any of the actions" or "concrete action" refers to demands and states none', () => {
    assert.deepEqual(texts('He failed to agree to any of the concrete actions.'), []);
    assert.deepEqual(texts('Critics ignored requests for concrete action.', false, new Set(['action'])), []);
  });

  it("'it is time for X to Y' is an exhortation", () => {
    assert.deepEqual(texts('It is time for all parties to put the country first.'), ['It is time for all parties to put the country first']);
  });

  it('modal content is a demand only in what a speaker said, and not with "I" or "we" as subject', () => {
    const text = 'The council should publish the report.';
    assert.deepEqual(texts(text, true), ['The council should publish the report']);
    assert.equal(spans(text, true)[0].strong, false);
    assert.deepEqual(texts(text, false), []);
    assert.deepEqual(texts('We must recognise them as we would any other.', true), []);
    assert.deepEqual(texts('It should have been obvious.', true), []);
    assert.deepEqual(texts("You don't have to pay a million dollars.", true), []);
    assert.deepEqual(texts('The other side must be wrong.', true), []);
    assert.deepEqual(texts('It works as it should in classrooms.', true), []);
    assert.deepEqual(texts('The videos must be released.', true), ['The videos must be released']);
  });

  it('the items of a list after a demand are demands too ("X; that Y; and that Z")', () => {
    const text = 'They asked the party to drop the case; that no member should speak for it; and that there should be an inquiry.';
    assert.deepEqual(texts(text), ['drop the case', 'no member should speak for it', 'there should be an inquiry']);
    assert.match(spans(text)[1].rule, /^list item after cue 'asked … to'$/);
  });

  it('a list after a noun the article uses for its demands ("the actions … included X, and Y")', () => {
    const article = 'They ignored the actions we asked for. The actions, which critics felt were modest, included having a fixed timetable, and accepting the new code of conduct, which others use.';
    const nouns = demandNounsOf(article);
    assert.ok(nouns.has('action'));
    const s = sentences(article)[1];
    const found = demandsInSentence(article, s, () => false, nouns).map((d) => article.slice(d.start, d.end));
    assert.deepEqual(found, ['having a fixed timetable', 'accepting the new code of conduct']);
    assert.deepEqual(demandsInSentence(article, s, () => false, NOUNS), []);
  });

  it('numbered proposals under an introducing line, and ordinal items in a quote', () => {
    const text = 'The unions set out their demands:\n1. Raise the minimum wage\n2) End zero-hours contracts\n\nThe results:\n1. Turnout rose\n';
    assert.deepEqual(numberedItems(text).map((d) => text.slice(d.start, d.end)), ['Raise the minimum wage', 'End zero-hours contracts']);
    assert.deepEqual(texts('"First, publish the accounts in full."', true), ['publish the accounts in full']);
    assert.deepEqual(texts('"First, we went home."', true), []);
  });
});
