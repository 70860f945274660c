#define BOOST_TEST_MODULE adapters_text_clean
#include <boost/test/unit_test.hpp>

#include "adapters/text_clean.hpp"
#include "test/adapters/printers.hpp"

namespace ad = recs::adapters;

BOOST_AUTO_TEST_SUITE(text_clean)

BOOST_AUTO_TEST_CASE(trim_and_lower) {
  BOOST_TEST(recs::trim("  a b \r\n") == "a b");
  BOOST_TEST(recs::trim("   ") == "");
  BOOST_TEST(recs::to_lower("TV-MA \xC3\x89") == "tv-ma \xC3\x89");
}

BOOST_AUTO_TEST_CASE(normalised_titles_compare_across_sources) {
  BOOST_TEST(ad::normalise_title("Kath & Kim") == "kath and kim");
  BOOST_TEST(ad::normalise_title("Kath and Kim") == "kath and kim");
  BOOST_TEST(ad::normalise_title("Grey's Anatomy") == ad::normalise_title("Greys Anatomy"));
  BOOST_TEST(ad::normalise_title("H2O: Just Add Water") == "h2o just add water");
  BOOST_TEST(ad::normalise_title("  The  Office (US) ") == "the office us");
  BOOST_TEST(ad::normalise_title("\xC3\x89lite") == "elite");  // Élite
}

BOOST_AUTO_TEST_CASE(slugs) {
  BOOST_TEST(ad::slugify("Kath & Kim") == "kath-and-kim");
  BOOST_TEST(ad::slugify("H2O: Just Add Water!") == "h2o-just-add-water");
  BOOST_TEST(ad::slugify("Grey's Anatomy") == "greys-anatomy");
  BOOST_TEST(ad::slugify("Pok\xC3\xA9mon") == "pokemon");
  BOOST_TEST(ad::slugify("\xE5\xA4\xA9\xE5\x9C\x8B") == "");  // a CJK title has no slug
  BOOST_TEST(ad::slugify("--x--") == "x");
}

BOOST_AUTO_TEST_CASE(html_is_stripped) {
  BOOST_TEST(ad::strip_html("Based on <i>A Song of Ice and Fire</i> by George R.R. Martin") ==
             "Based on A Song of Ice and Fire by George R.R. Martin");
  BOOST_TEST(ad::strip_html("<p>One.</p><p>Two &amp; three&#39;s.</p>") == "One. Two & three's.");
  BOOST_TEST(ad::strip_html("  a\n\n b ") == "a b");
  BOOST_TEST(ad::strip_html("<b>Bold</b>text") == "Boldtext");
  BOOST_TEST(ad::strip_html("x &unknown; y") == "x &unknown; y");
}

BOOST_AUTO_TEST_SUITE_END()
