// Does the best sentence state what the question asks as a fact? Term coverage takes "If Spieth
// wins he would tie the record" for an answer to "who won the masters?", and "was hospitalized for
// dehydration" for one to "which hospital was he taken to?". These checks read the sentence's own
// words around the question's.
import type { Token } from '../language/tokens.ts';
import { stemOf, tokenize } from '../language/tokens.ts';
import { synonymsOf } from '../language/synonyms.ts';
import type { TermMatch } from './features.ts';
import type { Entity } from '../language/entities.ts';
import { OPENS_UPPER } from '../language/words.ts';
import { isDemonym } from '../language/names.ts';
import { isPersonNoun, LIGHT, type QuestionAnalysis } from './question.ts';
import { ASKS_CALLED, asksName, isProperName, namedKind, namesAnswer } from './naming.ts';
import type { Span } from './spans.ts';

/** Words that open a condition: what follows is not said to have happened. */
const CONDITION = /^(?:if|unless)$/;
/** Where a conditional clause ends, looking back from its verb. */
const CLAUSE_EDGE = /^(?:[,;:.!?]|and|but|then)$/;
/** A question that supposes or asks about what might be ("who would win if ...?"). */
const ASKS_HYPOTHETICAL = /\b(?:if|unless|would|could|might|should)\b/i;

/**
 * Whether every word of the sentence that stands for one of the question's verbs sits in a
 * condition ("If Spieth wins ..."), so that the sentence does not say it happened. False when the
 * question has no verb the sentence matches, or supposes a condition itself.
 */
export function onlySupposed(q: QuestionAnalysis, tokens: readonly Token[], match: TermMatch): boolean {
  if (ASKS_HYPOTHETICAL.test(q.text)) return false;
  // A past event ("who won ...?", "what did they buy?"); a rule stated in a condition answers a
  // question in the present ("how many days does the Parliament have to nominate ...?" against
  // "if it fails to nominate within 28 days").
  const past = /\b(?:did|was|were|had)\b/i.test(q.text);
  // Not a light verb ("where's the store going?" against "if that's anything to go by").
  const verbs = q.terms.map((t) => t.pos === 'VERB' && !LIGHT.test(t.lemma) && (past || (t.word.toLowerCase() !== t.lemma && !/(?:s|ing)$/i.test(t.word))));
  if (!verbs.some(Boolean)) return false;
  const at = q.terms.flatMap((_, i) => (verbs[i] ? (match.byTerm[i] ?? []) : []));
  if (!at.length) return false;
  return at.every((p) => {
    for (let k = p - 1; k >= Math.max(0, p - 6); k--) {
      const norm = tokens[k]!.norm;
      if (CONDITION.test(norm)) return true;
      if (CLAUSE_EDGE.test(norm)) return false;
    }
    return false;
  });
}

/**
 * "Which hospital ...?" asks for a hospital: a sentence that has no such noun ("was hospitalized
 * for dehydration") names none, unless its answer is a name ("Christie's sold the manuscript" for
 * "which auction house ...?").
 */
export function kindUnnamed(q: QuestionAnalysis, tokens: readonly Token[], span: Span | undefined): boolean {
  // Not "what sentence did he get?", which a verb answers as well ("was sentenced to three years' probation").
  if (!q.focus || !/^which\s/i.test(q.text) || !['other', 'organization', 'place'].includes(q.type)) return false;
  const words = q.text.toLowerCase().split(/\s+/);
  if (words[1]?.replace(/[^a-z'-]/g, '') !== q.focus) return false;
  if (span && isProperName(span.text)) return false;
  const stem = stemOf(q.focus);
  const kin = synonymsOf(stem);
  return !tokens.some((t) => t.pos !== 'VERB' && (t.stem === stem || kin.has(t.stem)));
}

/** Things named as people are ("Sam", "Lucille"), whose name is neither a place nor a person's full name. */
const NAMED_LIKE_PEOPLE = /^(?:dog|puppy|pup|pooch|hound|mutt|cat|kitten|pet|horse|pony|chicken|hen|parrot|bird|pig|cow|goat|rabbit|tortoise|turtle|snake|hamster|lion|tiger|bear|elephant|monkey|gorilla|dolphin|whale|shark|boat|sailboat|ship|yacht|vessel|ferry|canoe|dinghy|tanker|submarine|trawler)s?$/;
/** Words for one kind of animal or vessel: "a pooch called Rex" is a dog's name, "a yacht named Aurora" a boat's. */
const SAME_KIND = [/^(?:dog|puppy|pup|pooch|hound|mutt)s?$/, /^(?:boat|sailboat|ship|yacht|vessel|ferry|canoe|dinghy|tanker|submarine|trawler)s?$/, /^(?:cat|kitten)s?$/, /^(?:horse|pony)s?$/];
/** "A tortoise called Shelly": the name a naming verb gives the noun before it. */
const NAMED_NOUN = /\b([\p{L}-]+)\s+(?:called|named|dubbed|nicknamed|known\s+as)\s+['‘"“]?$/iu;

/** Whether the sentence gives the name to an animal or vessel of another kind than the asked one ("a tortoise called Shelly" for a dog). */
function namesAnotherKind(kind: readonly string[], before: string): boolean {
  const noun = NAMED_NOUN.exec(before)?.[1]?.toLowerCase();
  if (!noun || kind.includes(noun) || !NAMED_LIKE_PEOPLE.test(noun) || /^(?:pets?|animals?)$/.test(noun)) return false;
  return !kind.some((k) => /^(?:pets?|animals?)$/.test(k) || SAME_KIND.some((group) => group.test(k) && group.test(noun)));
}
/** Parts of speech a capitalised word has in a caption's run-on ("grave The black pooch") and never in a name. */
const FUNCTION_POS = /^(?:DET|PRON|ADP|CCONJ|SCONJ|AUX|PART|INTJ|PUNCT|SYM)$/;
/** Words a name may hold in lower case ("Bank of England", "Charles de Gaulle"). */
const NAME_CONNECTOR = /^(?:of|de|du|des|la|le|van|von|der|den|da|di|del|al|bin)$/;
/** Entity kinds that are no name of a thing: when, and how many. */
const NO_NAME_KINDS = new Set(['number', 'money', 'percent', 'date', 'time', 'duration', 'ordinal']);

/** What kind of name a name question wants: a person's, one an animal or a boat is given, or another thing's. */
function askedNameKind(q: QuestionAnalysis, kind: readonly string[]): 'person' | 'likePeople' | 'thing' {
  const head = kind[kind.length - 1];
  // "the census bureau guard who died": a relative "who" after the phrase says it is a person.
  if (kind.some(isPersonNoun) || /\bname\s+of\b[^?]*\bwho(?:m)?\b/i.test(q.text)) return 'person';
  if (head && NAMED_LIKE_PEOPLE.test(head)) return 'likePeople';
  return 'thing';
}

/** Honorifics before a name, which name no one on their own ("Ms" of "Ms Edwards" for "what's the burned dog's name?"). */
const TITLE_WORD = /^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|rev)\.?$/i;

/** Where a name is a place: after "in", "at", "from" ..., or a hometown after a name (", of Oldbury,"). */
const PLACED_BEFORE = /(?:\b(?:in|at|from|near|outside|inside|across)\s+(?:the\s+)?|,\s*of\s+)$/i;

interface Run {
  text: string;
  start: number;
  end: number;
  /** "Nordic tourists", "an Uber driver": a capitalised word before a common noun says what kind, and names no one. */
  modifier: boolean;
}

/** The sentence's capitalised runs ("Clarence J. Brown Dam", "Frank Jordan"): a sentence's or a caption's opening word only when tagged a name. */
function capitalisedRuns(tokens: readonly Token[]): Run[] {
  const runs: Run[] = [];
  let run: Token[] = [];
  const close = (next: Token | undefined) => {
    while (run.length && NAME_CONNECTOR.test(run[run.length - 1]!.norm)) run.pop();
    if (run.length) {
      const modifier = !!next && next.kind === 'word' && !OPENS_UPPER.test(next.text) && next.pos === 'NOUN';
      runs.push({ text: run.map((t) => t.text).join(' '), start: run[0]!.start, end: run[run.length - 1]!.end, modifier });
    }
    run = [];
  };
  for (const [i, t] of tokens.entries()) {
    const opening = i === 0 || /^[:.!?]$/.test(tokens[i - 1]!.text);
    const upper = t.kind === 'word' && OPENS_UPPER.test(t.text) && !FUNCTION_POS.test(t.pos) && (!opening || t.pos === 'PROPN');
    // "J." of "Clarence J. Brown" is one token with its dot; "of" joins "Bank of England".
    if (upper || (run.length && NAME_CONNECTOR.test(t.norm) && OPENS_UPPER.test(tokens[i + 1]?.text ?? ''))) run.push(t);
    else close(t);
  }
  close(undefined);
  return runs;
}

/** The kind of name a question asks for, if it asks for one. */
function nameAsked(q: QuestionAnalysis): ReturnType<typeof askedNameKind> | undefined {
  // "What was the oil crisis called?" may ask for a term ("the first oil shock"), which a sentence
  // with no capitalised word rarely gives either (measured on SQuAD dev; leaving "what is X called?"
  // about things to the span gate instead answered three fewer).
  return asksName(q) || ASKS_CALLED.test(q.text) ? askedNameKind(q, namedKind(q)) : undefined;
}

/**
 * "What was the name of louis jordan's sailboat?" against "... Louis Jordan was fishing on a
 * sailboat a few miles off the South Carolina coast": a question for a name is answered by a name the
 * question does not give, of a kind that can be the asked thing's. A place or an organisation names
 * no person; a dog or a boat is named in so many words ("her dog, Rex") or by a first name of its own
 * (not "Frank Jordan"); a date names nothing. True when the sentence gives no such name.
 */
export function nameAbsent(q: QuestionAnalysis, sentence: string, tokens: readonly Token[], entities: readonly Entity[], span: Span | undefined): boolean {
  const asked = nameAsked(q);
  if (!asked || span?.tied) return false;
  const kind = namedKind(q);
  return !capitalisedRuns(tokens).some((run) => {
    if (namesAnotherKind(kind, sentence.slice(0, run.start))) return false;
    if (!namesAnswer(q, run.text.split(' ').filter((w) => !TITLE_WORD.test(w)).join(' '))) return false;
    const kinds = entities.filter((e) => e.start < run.end && run.start < e.end).map((e) => e.kind);
    if (kinds.length && kinds.every((k) => NO_NAME_KINDS.has(k))) return false;
    if (asked === 'thing') return true;
    if (run.modifier || kinds.includes('place') || kinds.includes('organization')) return false;
    if (asked === 'likePeople') return !run.text.includes(' ') && kinds.includes('person');
    return !PLACED_BEFORE.test(sentence.slice(0, run.start));
  });
}

/** "What was the final score of arsenal v liverpool?", "how did wolfsburg get on against schalke?": a match's result. */
const ASKS_SCORE = /^what(?:['’]s|\s+(?:was|is|were))\s+the\s+(?:final\s+|full-time\s+|half-time\s+)?(?:score|scoreline)\b/i;
const ASKS_HOW_FARED = /^how\s+did\s+[^?]+?\s+(?:get\s+on|fare|do)\s+(?:against|at|vs?\.?|versus)\s/i;
/** A result as a story writes it: "2-1", "6-3, 6-1", "24–10", "18 to 6", a goalless draw. */
const RESULT = /\b\d{1,3}\s*[-–—]\s*\d{1,3}\b(?![-–—]\d)|\b\d{1,3}\s+to\s+\d{1,3}\b|\b(?:goalless|scoreless|nil-nil)\b/i;
/** How a side got on, said in words ("Villa lost at City"): an answer to "how did X get on?", not to "what was the score?". */
const OUTCOME = /\b(?:beat|beats|beaten|won|win|wins|lost|lose|loses|drew|draw|defeat|defeated|defeats|victory|thrashed|thrashing|hammered|edged|routed)\b/i;
/** Words of the question next to "against" that name no side ("the score against bouchard"). */
const NOT_A_SIDE = /^(?:score|scoreline|final|game|match|result|leg|tie|first|second)$/;
/** How far from a result (in characters) its sides are looked for. */
const RESULT_REACH = 80;
/** The two sides a question names: "how did villa get on at man city", "arsenal v liverpool", "between real and atletico", "when swansea played arsenal". */
const SIDES = [
  /^how\s+did\s+(?<a>[^?]+?)\s+(?:get\s+on|fare|do)\s+(?:against|at|vs?\.?|versus)\s+(?<b>[^?]+?)(?:\s+(?:on|in|last|this|yesterday|today|at)\b[^?]*)?\s*\??$/iu,
  /\b(?<a>[\p{L}'’.-]+)\s+(?:v|v\.|vs\.?|versus|against)\s+(?<b>[\p{L}'’.-]+)/iu,
  /\bbetween\s+(?<a>[\p{L}'’.-]+)\s+and\s+(?<b>[\p{L}'’.-]+)/iu,
  /\bwhen\s+(?<a>[\p{L}'’.-]+)\s+(?:played|met|faced|hosted)\s+(?<b>[\p{L}'’.-]+)/iu,
];

/**
 * "What was the final score of barca v valencia?" against a sentence with no result: a question for
 * a match's score is answered by a score (or, for "how did X get on?", a win or a loss), and a
 * match's is one that names both its sides ("Aston Villa's 2-1 victory against Liverpool" is no
 * result of arsenal v liverpool).
 */
export function resultAbsent(q: QuestionAnalysis, sentence: string): boolean {
  const score = ASKS_SCORE.test(q.text);
  const fared = !score && ASKS_HOW_FARED.test(q.text);
  if (!score && !fared) return false;
  const found = [...sentence.matchAll(new RegExp(RESULT.source, 'gi')), ...(fared ? sentence.matchAll(new RegExp(OUTCOME.source, 'gi')) : [])];
  const sides = SIDES.map((re) => re.exec(q.text)?.groups).find(Boolean);
  if (!sides) return !found.length;
  // A caption run-on gives many results ("Herrera scored in Manchester United's 2-1 defeat by
  // Swansea City ..."): the asked match's names both sides near its result.
  return !found.some((m) => {
    const near = tokenize(sentence.slice(Math.max(0, m.index - RESULT_REACH), m.index + m[0].length + RESULT_REACH));
    const stems = new Set(near.map((t) => t.stem));
    const norms = near.map((t) => t.norm);
    // Every word of a side, or a word it shortens ("man" of "Manchester").
    const named = (side: string) =>
      tokenize(side)
        .filter((t) => t.kind === 'word' && !t.stop && !NOT_A_SIDE.test(t.norm))
        .every((t) => stems.has(t.stem) || (t.norm.length >= 3 && norms.some((n) => n.startsWith(t.norm))));
    return named(sides.a!) && named(sides.b!);
  });
}

/** "What religion was Hugues Capet?", "what nationality was Lavoisier?": a faith, or a people. */
const ASKS_FAITH = /^(?:what|which)\s+(?:religion|faith|denomination)\b/i;
const ASKS_PEOPLE = /^(?:what|which)\s+(?:nationality|ethnicity)\b/i;
/** Faiths as a story names them: "Protestantism", "a Catholic", "Sunni Muslims", "the Huguenots". */
const FAITH = /^(?:catholic|catholicism|protestant|protestantism|christian|christianity|muslim|moslem|islam|islamic|jew|jewish|judaism|hindu|hinduism|buddhist|buddhism|sikh|sikhism|orthodox|anglican|anglicanism|lutheran|lutheranism|calvinist|calvinism|huguenot|baptist|methodist|presbyterian|evangelical|mormon|quaker|pentecostal|episcopal|episcopalian|shia|shiite|sunni|zoroastrian|zoroastrianism|taoist|taoism|shinto|jain|jainism|pagan|paganism|atheist|atheism|agnostic|reformed|coptic|druze|baha'i|wahhabi|wahhabism|salafi)s?$/;

/**
 * "What religion was Janet Gray?" against a sentence that names no faith; "what nationality was
 * Lavoisier?" against one that names no people or place: the asked thing has a form the sentence
 * lacks. A faith or people the question itself gives is no answer ("what religion did the English
 * spread?" against "the Anglo-Norman language").
 */
export function kindFormAbsent(q: QuestionAnalysis, tokens: readonly Token[], entities: readonly Entity[]): boolean {
  const faith = ASKS_FAITH.test(q.text);
  if (!faith && !ASKS_PEOPLE.test(q.text)) return false;
  const asked = new Set(q.terms.map((t) => t.word.toLowerCase()));
  if (faith) return !tokens.some((t) => FAITH.test(t.norm) && !asked.has(t.norm));
  const peoples = tokens.some((t) => t.kind === 'word' && isDemonym(t.norm) && !asked.has(t.norm));
  return !peoples && !entities.some((e) => e.kind === 'place' && e.text.split(/\s+/).some((w) => !asked.has(w.toLowerCase())));
}

/**
 * Whether the question asks for a thing whose form nameAbsent() or resultAbsent() tests (a name, a
 * match's result): the span gate, which guesses from a span's fit that the sentence misses the
 * asked thing, need not guess for these. Not a faith or a people: a sentence naming one is as often
 * about someone else (measured on SQuAD dev: three more unanswerable questions answered).
 */
export function formChecked(q: QuestionAnalysis): boolean {
  return !!nameAsked(q) || ASKS_SCORE.test(q.text) || ASKS_HOW_FARED.test(q.text);
}
