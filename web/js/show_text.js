// Words and small pieces about shows that several pages share (a helper, no view): the link to
// a show's page (#show/<id>), "where to watch" in a few words, an offer's type and when it
// leaves, a verdict's and a source's words, dates, and whose a profile's thing is. Everything
// goes in as text, never as HTML.

import { LEAVING_SOON_DAYS, VERDICTS } from './constants.js';
import { el } from './dom.js';

const DATE = { day: 'numeric', month: 'short', year: 'numeric' };

/** The address of a show's page. */
export function showHref(id) {
  return '#show/' + encodeURIComponent(id);
}

/** A link to a show's page, its title as text; `props` as for el (e.g. a class or an id). */
export function showLink(show, props) {
  return el('a', Object.assign({ href: showHref(show.id), text: show.title }, props || {}));
}

/** "2008 · MA15+" (what is known of the year and the classification). */
export function yearAndClass(show) {
  return [show.year, show.classification].filter((v) => v !== undefined && v !== null &&
    v !== '' && v !== 0).join(' · ');
}

/**
 * Where to watch, in a few words: "on Stan" (and the household's other services that have it)
 * for offers on the household's services, else "elsewhere: Apple TV+", else that none is known.
 */
export function whereToWatch(offers) {
  const list = Array.isArray(offers) ? offers : [];
  const names = (wanted) => Array.from(new Set(list.filter(wanted)
    .map((o) => o.name || o.provider))).join(', ');
  const mine = names((o) => o.on_my_services);
  if (mine) return 'on ' + mine;
  const other = names(() => true);
  return other ? 'elsewhere: ' + other : 'no known Australian offer';
}

/** The verdict of `primary` (0, 1, 2) from VERDICTS, or null. */
export function verdictOf(primary) {
  return VERDICTS.find((v) => v.primary === primary) || null;
}

const SOURCES = {
  app: 'in the app',
  serializd: 'Serializd',
  imdb: 'import (IMDb)',
  trakt: 'import (Trakt)',
  netflix: 'import (Netflix)',
};

/** Where a rating (or an entry) came from, in words: "in the app", "import (IMDb)". */
export function sourceWords(source) {
  if (!source) return 'in the app';
  return SOURCES[source] || 'imported from ' + source;
}

/** "7 Dec 2026" for Unix seconds; '' when unknown. */
export function dayOf(ts) {
  return typeof ts === 'number' && ts > 0
    ? new Date(ts * 1000).toLocaleDateString('en-AU', DATE) : '';
}

/** "Ross's", "Wife's". */
export function whose(name) {
  return name + "'s";
}

/** How an offer is had: "subscription", "free", "rent"… (its monetization in words). */
export function offerType(offer) {
  const words = {
    flatrate: 'subscription', free: 'free', ads: 'free with ads', rent: 'rent', buy: 'buy',
  };
  return words[offer.monetization] || offer.monetization || '';
}

/**
 * When an offer ends, if that is within LEAVING_SOON_DAYS (a Date, end of that day here);
 * null when unknown, further away or past.
 */
export function leavingDate(offer) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(offer && offer.available_to || '');
  if (!m) return null;
  const end = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  const days = (end.getTime() - Date.now()) / 86400000;
  return days >= 0 && days <= LEAVING_SOON_DAYS ? end : null;
}

/** "30 Apr" (this year) or "30 Apr 2027". */
export function dayMonth(date) {
  const options = { day: 'numeric', month: 'short' };
  if (date.getFullYear() !== new Date().getFullYear()) options.year = 'numeric';
  return date.toLocaleDateString('en-AU', options);
}
