#pragma once

#include <string>
#include <string_view>

#include "recsys/text.hpp"  // trim, to_lower

namespace recs::adapters {

/// The key two sources' titles are compared on: ASCII lower-case, "&" read as "and",
/// apostrophes dropped ("Grey's" == "Greys"), Latin-1 accents folded ("Élite" == "elite"),
/// every other ASCII punctuation run becomes one space, runs of spaces collapse, other UTF-8
/// bytes kept. "Kath & Kim" -> "kath and kim".
std::string normalise_title(std::string_view title);

/// URL-safe slug: ASCII letters and digits lower-cased, "&" read as "and", apostrophes dropped,
/// common Latin-1 accented letters folded
/// to their base letter, everything else collapses to one '-', no leading or trailing '-'.
/// May be empty (e.g. a title in a non-Latin script).
std::string slugify(std::string_view title);

/// Plain text from a small HTML fragment (TVmaze summaries): tags removed, the usual entities
/// (&amp; &lt; &gt; &quot; &#39; &apos; &nbsp; and numeric ones below 128) decoded, whitespace
/// runs collapsed, trimmed. "<p>The <i>Wire</i></p>" -> "The Wire".
std::string strip_html(std::string_view html);

}  // namespace recs::adapters
