// The page's constants and its one mutable state object, shared by the modules.

export const DEFAULT_TOKEN = 'devtoken:demo@local.test';
export const TOKEN_KEY = 'recs.token';
export const PROFILE_KEY = 'recs.profile'; // a profile id, or FAMILY for the Family Mix
// Profile ids unticked under "Who's watching?" (kept as the exceptions, so a new profile
// starts ticked).
export const NOT_WATCHING_KEY = 'recs.notWatching';
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
export const RETRY_FIRST_MS = 1000; // live reconnects: 1 s, 2 s, 4 s ... (with jitter)
export const RETRY_MAX_MS = 30000;

export const state = {
  profiles: [],
  profileId: null, // null while the Family Mix is showing
  family: false,
  notWatching: new Set(),
  slateTicket: 0, // bumped by every slate request; older answers are dropped
  warningTicket: 0, // the same for the Family Mix banner re-fetched after a live update
  pushes: 0, // live slates shown so far; a REST answer older than one is not drawn
  shown: null, // the slate on screen: {key: its view, cards: pristine copies of its cards}
  seed: null,
  seedWarning: '',
  intent: 'default', // the profile slate's intent (the <select>)
  onlyMine: false, // "Only on our services"
  tags: [], // the profile's tags, [{tag, liked}]
  notes: new Map(), // the profile's notes: show id -> text
  dialogItem: null, // the show whose note and tags the dialog edits
  dialogOpener: null, // the button that opened it, focused again when it closes
  busy: false,
};
