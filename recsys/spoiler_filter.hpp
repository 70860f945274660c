#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recsys/show.hpp"

namespace recs {

/// A premise made safe to show: first-season set-up only.
struct sanitized_premise {
  enum class outcome : std::uint8_t {
    kept,     ///< no sentence matched a spoiler rule; `text` is the cleaned premise
    trimmed,  ///< spoiler sentences (or their trailing clauses) were dropped
    replaced  ///< nothing useful was left: `text` is the genre/classification fallback
  };
  std::string text;
  outcome result = outcome::kept;
  std::vector<std::string> removed;  ///< the dropped sentences, verbatim, in order
};

/// "kept", "trimmed" or "replaced".
std::string_view to_string(sanitized_premise::outcome o) noexcept;

/// Where a sentence first matched a spoiler rule.
struct spoiler_match {
  std::string_view rule;     ///< rule name, e.g. "later-season", "reveal", "named-death"
  std::size_t offset = 0;    ///< byte offset in the sentence of the first matched word
  bool later_story = false;  ///< a later-season, finale or ending rule: what follows in the
                             ///< same paragraph usually continues the later story
};

/// Shortest text `sanitize_premise` shows after trimming; shorter leftovers are replaced.
inline constexpr std::size_t min_premise_chars = 40;

/// Text ready for splitting: HTML tags removed, common entities decoded, footnote marks
/// ("[8]", "[citation needed]") dropped, blank runs collapsed to one space within a paragraph,
/// paragraphs (newline runs) joined by "\n\n", trimmed. Never fails; UTF-8 passes through.
std::string clean_premise_text(std::string_view raw);

/// Sentences of `text` in order, trimmed, none empty. A newline always ends a sentence; '.', '!',
/// '?' and '…' end one when followed by white space and a capital, digit or quote, except after
/// an abbreviation (Dr., Mr., St., Jan., ...), an initial or dotted acronym ("James T. Kirk",
/// "U.S."), or inside a double-quoted span that closes later in the paragraph.
std::vector<std::string> split_sentences(std::string_view text);

/// The earliest spoiler-rule match in one sentence, or nullopt when it reads as set-up. Rules
/// (recsys/spoiler_rule_table.hpp) cover later seasons ("In season 3", "final season"), later
/// events ("later marries", "replaced by"), finales and endings, reveals and twists ("is
/// revealed to be", "turns out to be"), arc and contest outcomes ("eventually", "ends up
/// marrying", "won by", "becomes the new champion"), deaths and returns of named characters
/// ("After Ned's death", "Buffy returns from the dead"). Each rule has exemptions for innocent
/// senses: production history ("the second season premiered"), competition formats ("in the
/// end, only one chef"), documentaries and history, investigations of a death, inciting events
/// ("When Ben dies, ..."), dramatic irony ("has no idea that X is actually ..."), teasing
/// questions. Policy and measured error rates: test/recsys/spoiler_corpus.tsv and its test.
std::optional<spoiler_match> find_spoiler(std::string_view sentence);

/// find_spoiler(sentence).has_value(): the classifier the labelled corpus test measures.
bool is_spoiler_sentence(std::string_view sentence);

/// "A crime drama series from 2011 (MA15+), 5 seasons." from genres, year, AU classification
/// and season count only; never uses the premise. "A TV series." when nothing is known.
std::string fallback_premise(const show& s);

/// The premise of `s` without spoilers. Sentences matching a rule are dropped, or cut before
/// the spoiling clause when a safe head of at least 30 characters remains that is not a bare
/// subordinate clause ("..., and eventually fall in love" -> "...", "Lupe meets Noah, a
/// mysterious character who turns out to be ..." -> "Lupe meets Noah, a mysterious character.").
/// After a later-season or ending sentence, the rest of its paragraph is dropped too (it usually
/// continues the later story). When nothing is left, or a trimmed result is shorter than
/// `min_premise_chars`, the result is `replaced` by fallback_premise(s); an empty premise is
/// replaced as well. Pure and thread-safe.
sanitized_premise sanitize_premise(const show& s);

}  // namespace recs
