#define BOOST_TEST_MODULE adapters_csv_reader
#include <boost/test/unit_test.hpp>

#include <string>

#include "adapters/csv_reader.hpp"
#include "test/adapters/printers.hpp"

namespace ad = recs::adapters;

BOOST_AUTO_TEST_SUITE(csv_reader)

BOOST_AUTO_TEST_CASE(plain_rows_and_header) {
  const auto t = ad::parse_csv("a,b,c\n1,2,3\n4,,6\n");
  BOOST_REQUIRE(t.ok());
  BOOST_TEST(t->header == (std::vector<std::string>{"a", "b", "c"}));
  BOOST_REQUIRE_EQUAL(t->rows.size(), 2u);
  BOOST_TEST(t->rows[1] == (std::vector<std::string>{"4", "", "6"}));
  BOOST_TEST(*t->column("c") == 2u);
  BOOST_TEST(!t->column("d").has_value());
}

BOOST_AUTO_TEST_CASE(quotes_doubled_quotes_and_commas) {
  const auto t = ad::parse_csv("x,y\n\"a, b\",\"say \"\"hi\"\"\"\n\"\",plain\n");
  BOOST_REQUIRE(t.ok());
  BOOST_REQUIRE_EQUAL(t->rows.size(), 2u);
  BOOST_TEST(t->rows[0][0] == "a, b");
  BOOST_TEST(t->rows[0][1] == "say \"hi\"");
  BOOST_TEST(t->rows[1][0] == "");
  BOOST_TEST(t->rows[1][1] == "plain");
}

BOOST_AUTO_TEST_CASE(embedded_newlines_in_quoted_fields) {
  const auto t = ad::parse_csv("id,text\n1,\"line one\nline two\r\nline three\"\n2,x\n");
  BOOST_REQUIRE(t.ok());
  BOOST_REQUIRE_EQUAL(t->rows.size(), 2u);
  BOOST_TEST(t->rows[0][1] == "line one\nline two\r\nline three");
  BOOST_TEST(t->rows[1][0] == "2");
}

BOOST_AUTO_TEST_CASE(bom_and_crlf) {
  // The first bytes of the Kaggle 2021 Netflix file: UTF-8 BOM, CRLF line ends.
  const std::string text =
      "\xEF\xBB\xBFshow_id,type,title\r\ns2,TV Show,Blood & Water\r\ns3,TV Show,Ganglands\r\n";
  const auto t = ad::parse_csv(text);
  BOOST_REQUIRE(t.ok());
  BOOST_TEST(t->header[0] == "show_id");
  BOOST_REQUIRE_EQUAL(t->rows.size(), 2u);
  BOOST_TEST(t->rows[0][2] == "Blood & Water");
  BOOST_TEST(t->rows[1][2] == "Ganglands");
}

BOOST_AUTO_TEST_CASE(last_record_without_newline_and_trailing_empty_field) {
  const auto t = ad::parse_csv("a,b\n1,\n2,3");
  BOOST_REQUIRE(t.ok());
  BOOST_REQUIRE_EQUAL(t->rows.size(), 2u);
  BOOST_TEST(t->rows[0] == (std::vector<std::string>{"1", ""}));
  BOOST_TEST(t->rows[1] == (std::vector<std::string>{"2", "3"}));
}

BOOST_AUTO_TEST_CASE(ragged_rows_read_as_empty_fields) {
  const auto t = ad::parse_csv("a,b,c\n1\n");
  BOOST_REQUIRE(t.ok());
  BOOST_TEST(ad::field(t->rows[0], t->column("a")) == "1");
  BOOST_TEST(ad::field(t->rows[0], t->column("c")) == "");
  BOOST_TEST(ad::field(t->rows[0], std::nullopt) == "");
}

BOOST_AUTO_TEST_CASE(unterminated_quote_is_an_error_naming_the_line) {
  const auto t = ad::parse_csv("a,b\n1,2\n3,\"open\nstill open");
  BOOST_REQUIRE(!t.ok());
  BOOST_TEST(t.err().code == recs::errc::invalid_argument);
  BOOST_TEST(t.err().message.find("line 3") != std::string::npos, t.err().message);
}

BOOST_AUTO_TEST_CASE(text_after_closing_quote_is_an_error) {
  const auto t = ad::parse_csv("a,b\n\"x\"y,2\n");
  BOOST_REQUIRE(!t.ok());
  BOOST_TEST(t.err().message.find("line 2") != std::string::npos, t.err().message);
}

BOOST_AUTO_TEST_CASE(missing_file_is_not_found) {
  const auto t = ad::read_csv_file("/nonexistent/dir/titles.csv");
  BOOST_REQUIRE(!t.ok());
  BOOST_TEST(t.err().code == recs::errc::not_found);
  BOOST_TEST(t.err().message.find("/nonexistent/dir/titles.csv") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(python_lists) {
  using v = std::vector<std::string>;
  BOOST_TEST(ad::parse_py_list("['drama', 'crime']") == (v{"drama", "crime"}));
  BOOST_TEST(ad::parse_py_list("['AU']") == (v{"AU"}));
  BOOST_TEST(ad::parse_py_list("[]").empty());
  BOOST_TEST(ad::parse_py_list("").empty());
  BOOST_TEST(ad::parse_py_list("[\"it's\", 'x']") == (v{"it's", "x"}));
  BOOST_TEST(ad::parse_py_list("['a\\'b']") == (v{"a'b"}));
  BOOST_TEST(ad::parse_py_list("  [ 'a' ,'b' ]") == (v{"a", "b"}));
  BOOST_TEST(ad::parse_py_list("drama").empty());
  BOOST_TEST(ad::parse_py_list("['unterminated").empty());
}

BOOST_AUTO_TEST_SUITE_END()
