// Paraphrase groups of everyday news vocabulary: words people use interchangeably when they ask
// about a story. Matching is by stem, so one form of each word is enough.
import { stemOf as stem } from './tokens.ts';

const GROUPS: string[][] = [
  ['troop', 'soldier', 'forces', 'force', 'personnel', 'servicemen', 'army', 'military'],
  ['firm', 'company', 'business', 'entity', 'corporation', 'enterprise'],
  ['send', 'deploy', 'deployment', 'dispatch', 'move', 'station'],
  ['sanction', 'penalty', 'penalize', 'penalise', 'punish', 'blacklist'],
  ['impose', 'announce', 'levy', 'slap'],
  ['war', 'conflict', 'fighting', 'combat', 'invasion'],
  ['say', 'state', 'tell', 'announce', 'claim', 'warn'],
  ['kill', 'death', 'dead', 'die', 'fatality'],
  ['injure', 'wound', 'hurt', 'injury'],
  ['buy', 'purchase', 'acquire', 'acquisition'],
  ['sell', 'sale'],
  ['start', 'begin', 'launch', 'commence'],
  ['end', 'finish', 'conclude', 'stop'],
  ['help', 'aid', 'assist', 'assistance', 'support', 'enable'],
  ['leader', 'head', 'chief', 'president'],
  ['country', 'nation', 'state'],
  ['city', 'town'],
  ['region', 'area', 'province', 'territory', 'zone'],
  ['border', 'frontier'],
  ['weapon', 'weaponry', 'arm', 'armament', 'munition'],
  ['arrest', 'detain', 'detention', 'custody'],
  ['accuse', 'allege', 'charge'],
  ['increase', 'rise', 'grow', 'growth', 'raise', 'boost'],
  ['decrease', 'fall', 'drop', 'decline', 'cut', 'reduce'],
  ['meeting', 'meet', 'summit', 'talks', 'conference'],
  ['official', 'authority', 'officer'],
  ['minister', 'secretary'],
  ['withdraw', 'withdrawal', 'pull', 'retreat', 'leave'],
  ['deal', 'agreement', 'accord', 'pact', 'treaty'],
  ['attack', 'strike', 'assault', 'offensive', 'incursion', 'raid'],
  ['worry', 'concern', 'fear', 'alarm'],
  ['technology', 'tech'],
  ['goods', 'products', 'product', 'equipment', 'supplies', 'material'],
  ['supply', 'provide', 'deliver', 'export', 'ship'],
  ['money', 'fund', 'funding', 'cash'],
  ['price', 'cost'],
  ['job', 'employment', 'work'],
  ['car', 'vehicle', 'automobile'],
  ['doctor', 'physician'],
  ['child', 'kid', 'children'],
  ['big', 'large', 'huge', 'major'],
  ['small', 'little', 'minor'],
  ['win', 'victory', 'won'],
  ['lose', 'defeat', 'loss', 'lost'],
  ['election', 'vote', 'poll'],
  ['law', 'legislation', 'bill', 'act'],
  ['court', 'tribunal'],
  ['police', 'officers', 'cops'],
  ['mission', 'operation'],
  ['live', 'reside', 'inhabit'],
  ['build', 'construct', 'construction', 'erect'],
  ['create', 'found', 'establish', 'form'],
  ['film', 'movie'],
  ['song', 'single', 'track'],
  ['author', 'writer', 'wrote', 'write'],
  ['university', 'college', 'school'],
  ['population', 'inhabitants', 'residents', 'people'],
  // Everyday verbs, nouns and adjectives that questions paraphrase.
  ['famous', 'well-known', 'renowned', 'notable', 'celebrated', 'prominent', 'known'],
  ['important', 'significant', 'crucial', 'principal'],
  ['large', 'big', 'huge', 'vast', 'massive'],
  ['old', 'ancient', 'early', 'earliest', 'oldest'],
  ['new', 'modern', 'recent', 'latest'],
  ['first', 'earliest', 'initial', 'original'],
  ['last', 'final', 'latest'],
  ['common', 'usual', 'typical', 'widespread', 'frequent'],
  ['rich', 'wealthy', 'affluent'],
  ['poor', 'impoverished', 'needy'],
  ['fast', 'quick', 'rapid', 'swift'],
  ['difficult', 'hard', 'tough'],
  ['ruin', 'destroy', 'wreck', 'devastate', 'demolish'],
  ['rule', 'reign', 'govern', 'control', 'ruler'],
  ['fight', 'battle', 'combat', 'struggle'],
  ['rebel', 'revolt', 'uprising', 'rebellion', 'insurrection', 'riot'],
  ['make', 'produce', 'manufacture', 'create'],
  ['use', 'utilize', 'employ', 'apply'],
  ['show', 'demonstrate', 'reveal', 'display', 'indicate'],
  ['find', 'discover', 'locate', 'detect'],
  ['invent', 'devise', 'develop', 'design', 'pioneer'],
  ['get', 'obtain', 'receive', 'acquire'],
  ['give', 'grant', 'award', 'provide', 'offer'],
  ['allow', 'permit', 'enable', 'authorize'],
  ['forbid', 'ban', 'prohibit', 'outlaw'],
  ['need', 'require', 'demand'],
  ['try', 'attempt', 'seek'],
  ['change', 'alter', 'modify', 'transform', 'convert'],
  ['choose', 'select', 'pick', 'elect', 'appoint', 'name'],
  ['join', 'enter', 'enlist'],
  ['travel', 'journey', 'voyage', 'trip', 'emigrate', 'migrate'],
  ['arrive', 'reach'],
  ['settle', 'colonize', 'colonise', 'inhabit', 'occupy'],
  ['flee', 'escape', 'leave', 'exile'],
  ['marry', 'wed', 'marriage', 'wedding'],
  ['bear', 'born', 'birth'],
  ['die', 'death', 'dead', 'perish', 'decease'],
  ['write', 'author', 'compose'],
  ['say', 'claim', 'assert', 'argue', 'contend', 'maintain'],
  ['believe', 'think', 'consider', 'regard'],
  ['study', 'research', 'investigate', 'examine', 'analyse', 'analyze'],
  ['teach', 'educate', 'instruct', 'train'],
  ['learn', 'study', 'educate'],
  ['pay', 'spend', 'cost', 'fund'],
  ['earn', 'income', 'revenue', 'profit', 'salary', 'wage'],
  ['trade', 'commerce', 'business', 'exchange'],
  ['protect', 'defend', 'guard', 'shield', 'safeguard'],
  ['capture', 'seize', 'conquer'],
  ['defeat', 'beat', 'overcome', 'conquer', 'rout'],
  ['sign', 'ratify', 'conclude'],
  ['agree', 'accept', 'consent', 'approve'],
  ['refuse', 'reject', 'decline', 'deny'],
  ['cause', 'reason'],
  ['effect', 'impact', 'consequence', 'influence'],
  ['goal', 'aim', 'purpose', 'objective', 'intent'],
  ['method', 'technique', 'approach'],
  ['rule', 'regulation', 'law'],
  ['king', 'monarch', 'ruler', 'sovereign', 'emperor'],
  ['religion', 'faith', 'belief', 'church'],
  ['ship', 'vessel', 'boat', 'fleet'],
  ['army', 'troops', 'forces', 'military'],
  ['group', 'organization', 'organisation', 'association', 'society'],
  ['member', 'participant'],
  ['area', 'region', 'zone', 'district', 'territory'],
  ['building', 'structure', 'edifice'],
  ['home', 'house', 'residence', 'dwelling'],
  ['call', 'term', 'label', 'dub'],
  ['part', 'portion', 'section', 'piece', 'share'],
  ['size', 'extent', 'magnitude', 'scale'],
  ['speed', 'velocity', 'pace'],
  ['amount', 'quantity', 'number', 'total'],
  ['period', 'era', 'age', 'epoch'],
  ['century', 'centuries'],
  ['language', 'tongue', 'dialect'],
  ['disease', 'illness', 'sickness', 'infection'],
  ['cure', 'treat', 'heal', 'therapy', 'treatment'],
  ['energy', 'power'],
  ['machine', 'engine', 'device'],
  ['increase', 'grow', 'expand', 'rise', 'surge'],
  // Verbs and their nouns where the stems part ways.
  ['invade', 'invasion', 'invader'],
  ['decide', 'decision'],
  ['expand', 'expansion'],
  ['explode', 'explosion'],
  ['conclude', 'conclusion'],
  ['divide', 'division'],
  ['extend', 'extension'],
  ['destroy', 'destruction'],
  ['produce', 'production'],
  ['reduce', 'reduction'],
  ['describe', 'description'],
  ['admit', 'admission'],
  ['permit', 'permission'],
  ['succeed', 'success', 'succession', 'successor'],
  ['negotiate', 'negotiation', 'talks'],
  ['elect', 'election'],
  ['appoint', 'appointment'],
  ['resign', 'resignation'],
  ['accuse', 'accusation'],
];

let index: Map<string, Set<string>> | undefined;

/** Stems that mean the same as this stem (itself excluded). */
export function synonymsOf(stemmed: string): ReadonlySet<string> {
  if (!index) {
    index = new Map();
    for (const group of GROUPS) {
      const stems = new Set(group.map(stem));
      for (const s of stems) {
        const set = index.get(s) ?? new Set<string>();
        for (const o of stems) if (o !== s) set.add(o);
        index.set(s, set);
      }
    }
  }
  return index.get(stemmed) ?? new Set();
}

const wordsByStem = new Map<string, readonly string[]>();
/** Each group's words' stems, and the groups each stem is in (ascending): made once per process. */
let groupStems: (readonly string[])[] | undefined;
let groupsByStem: Map<string, number[]> | undefined;

/**
 * The words of a group, for building full-text queries that reach paraphrases. Memoised by stem:
 * every question asks for it several times per word. A stem not seen before reads the groups that
 * hold it from an index made once (scanning every group's words for each new question word was
 * about 2% of `ask`).
 */
export function synonymWords(word: string): readonly string[] {
  const st = stem(word.toLowerCase());
  let out = wordsByStem.get(st);
  if (!out) {
    if (!groupStems || !groupsByStem) {
      groupStems = GROUPS.map((g) => g.map(stem));
      groupsByStem = new Map();
      for (const [g, stems] of groupStems.entries()) {
        for (const s of new Set(stems)) {
          const list = groupsByStem.get(s);
          if (list) list.push(g);
          else groupsByStem.set(s, [g]);
        }
      }
    }
    const stems = groupStems;
    out = Object.freeze((groupsByStem.get(st) ?? []).flatMap((g) => GROUPS[g]!.filter((_, k) => stems[g]![k] !== st)));
    if (wordsByStem.size > 10_000) wordsByStem.clear();
    wordsByStem.set(st, out);
  }
  return out;
}
