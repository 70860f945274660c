// The page's constants: storage keys, the intents, the verdicts, the maturity caps and a few
// limits. A leaf: it imports nothing, and any module may import it.

export const PROFILE_KEY = 'recs.profile'; // a profile id, or FAMILY for the Family Mix
// Profile ids unticked under "Who's watching?" (kept as the exceptions, so a new profile
// starts ticked).
export const NOT_WATCHING_KEY = 'recs.notWatching';
// A line for the next page load to show (e.g. "Signed out."), in sessionStorage.
export const FLASH_KEY = 'recs.flash';
export const INTENT_KEY = 'recs.intent';
export const ONLY_MINE_KEY = 'recs.onlyMine';
// The intents of GET /recommendations a profile's slate can use (the Family Mix has its own);
// the words are the <select>'s.
export const INTENTS = ['default', 'quick', 'binge', 'new', 'comfort', 'surprise'];
export const LEAVING_SOON_DAYS = 30; // an offer ending within this many days is "leaving soon"
export const FAMILY = 'family';
export const VERDICTS = [
  { primary: 0, label: 'Bad', verb: 'bad' },
  { primary: 1, label: 'Good', verb: 'good' },
  { primary: 2, label: 'Loved', verb: 'loved' },
];
export const SLATE_LIMIT = 20; // the API's default, sent explicitly so REST and live slates agree
export const MARK_MS = 6000; // how long "Moved up", "New" and the highlight stay after an update
// The maturity caps of a profile (docs/api.md), mildest first.
export const MATURITY_CAPS = ['G', 'PG', 'M', 'MA15+', 'R18+'];
export const KID_DEFAULT_CAP = 'PG'; // the server's default for a kid profile
export const ADULT_DEFAULT_CAP = 'R18+';
export const MIN_PASSWORD = 10; // said on the forms; the server decides (its 400 says why)
export const MAX_PROFILES = 12; // at setup
// The quieter feedback of POST /feedback (docs/api.md, "Feedback and watchlists"), as the
// page's buttons say it.
export const FEEDBACK_KINDS = [
  { kind: 'not_interested', label: 'Not interested' },
  { kind: 'not_tonight', label: 'Not tonight' },
  { kind: 'seen', label: 'Seen it' },
];
export const SIMILAR_LIMIT = 8; // "more like this" on a show's page
