#pragma once
// Real rows from shared/data for the AU availability rules (long cast, character and description
// columns shortened), appended to the files of fixtures.hpp where the file is the same.

#include <string>

#include "test/adapters/fixtures.hpp"

namespace recs::adapters::testing {

inline const std::string kKaggleHeader =
    "show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,"
    "description\r\n";

// justwatch-us-2023/netflix/titles.csv
inline const std::string kJwNetflixMore =
    "ts38796,Stranger Things,SHOW,\"When a young boy vanishes, a small town uncovers a mystery "
    "involving secret experiments, terrifying supernatural forces, and one strange little girl.\","
    "2016,TV-14,61,\"['drama', 'scifi', 'thriller', 'fantasy', 'horror']\",['US'],5.0,tt4574334,"
    "8.7,1226817.0,310.559,8.636\r\n"
    "ts11188,The Flash,SHOW,\"After a particle accelerator causes a freak storm, CSI Investigator "
    "Barry Allen is struck by lightning and falls into a coma.\",2014,TV-14,42,\"['scifi', "
    "'drama', 'action']\",['US'],9.0,tt3107288,7.5,352956.0,767.159,7.803\r\n"
    "ts53023,Riverdale,SHOW,\"Set in the present, the series offers a bold, subversive take on "
    "Archie, Betty, Veronica and their friends.\",2017,TV-14,42,\"['drama', 'crime', "
    "'romance']\",['US'],7.0,tt5420376,6.6,147468.0,218.18,8.501\r\n"
    "ts222988,Love on the Spectrum,SHOW,Seven singles take their first steps into the world of "
    "dating.,2019,TV-14,42,\"['documentation', 'reality', 'romance']\",['AU'],2.0,tt11909836,8.6,"
    "6412.0,4.489,7.767\r\n";

// streaming-catalogs-kaggle-2021/netflix_titles.csv
inline const std::string kKaggleNetflixMore =
    "s3686,TV Show,Stranger Things,,\"Winona Ryder, David Harbour, Finn Wolfhard\",United States,"
    "\"July 4, 2019\",2019,TV-14,3 Seasons,\"TV Horror, TV Mysteries, TV Sci-Fi & Fantasy\","
    "\"When a young boy vanishes, a small town uncovers a mystery involving secret experiments, "
    "terrifying supernatural forces and one strange little girl.\"\r\n"
    "s381,TV Show,The Flash,Glen Winter,\"Grant Gustin, Candice Patton, Danielle Panabaker\","
    "United States,\"July 28, 2021\",2021,TV-14,7 Seasons,\"Crime TV Shows, TV Action & "
    "Adventure, TV Sci-Fi & Fantasy\",A forensics expert who wakes from a coma with amazing new "
    "powers squares off against forces threatening the city in this live-action superhero "
    "romp.\r\n"
    "s677,TV Show,Riverdale,Rob Seidenglanz,\"K.J. Apa, Lili Reinhart, Camila Mendes\",United "
    "States,\"June 19, 2021\",2019,TV-14,4 Seasons,\"Crime TV Shows, TV Dramas, TV Mysteries\","
    "\"While navigating the troubled waters of sex, romance, school and family, teen Archie and "
    "his gang become entangled in a dark Riverdale mystery.\"\r\n"
    "s26,TV Show,Love on the Spectrum,,Brooke Satchwell,Australia,\"September 21, 2021\",2021,"
    "TV-14,2 Seasons,\"Docuseries, International TV Shows, Reality TV\",\"Finding love can be "
    "hard for anyone.\"\r\n";

// justwatch-us-2023/disney/titles.csv
inline const std::string kJwDisneyMore =
    "ts84392,The Mandalorian,SHOW,\"After the fall of the Galactic Empire, lawlessness has spread "
    "throughout the galaxy.\",2019,TV-14,40,\"['scifi', 'action', 'drama', 'fantasy']\",['US'],"
    "3.0,tt8111088,8.7,519222.0,1138.317,8.486\r\n";

// streaming-catalogs-kaggle-2021/disney_plus_titles.csv: LF, no BOM.
inline const std::string kKaggleDisney =
    "show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,"
    "description\n"
    "s209,TV Show,Bluey,,\"Dave Mccormack, Melanie Zanetti, Brad Elliot\",\"Australia, United "
    "Kingdom\",\"May 28, 2021\",2019,TV-Y,2 Seasons,\"Animation, Kids\",\"Bluey is a six "
    "year-old Blue Heeler dog, who turns everyday family life into adventures.\"\n"
    "s378,TV Show,The Mandalorian,,\"Pedro Pascal, Carl Weathers, Gina Carano\",United States,"
    "\"October 30, 2020\",2019,TV-14,2 Seasons,\"Action-Adventure, Family, Science Fiction\","
    "\"After the fall of the Empire, a lone gunfighter makes his way through the lawless "
    "galaxy.\"\n";

// justwatch-us-2022/amazon/titles.csv
inline const std::string kJwAmazon =
    kJustWatchHeader +
    "ts14841,Bosch,SHOW,\"Based on Michael Connelly's best-selling novels, these are the stories "
    "of relentless LAPD homicide Detective Harry Bosch.\",2015,TV-MA,46,\"['crime', 'drama']\","
    "['US'],7,tt3502248,8.5,64854,63.676,8\r\n"
    "ts78125,The Boys,SHOW,A group of vigilantes known informally as \xE2\x80\x9CThe "
    "Boys\xE2\x80\x9D set out to take down corrupt superheroes.,2019,TV-MA,60,\"['scifi', "
    "'action', 'crime', 'drama', 'comedy']\",['US'],3,tt1190634,8.7,362539,250.632,8.4\r\n";

// streaming-catalogs-kaggle-2021/amazon_prime_titles.csv: The Boys has no date_added.
inline const std::string kKaggleAmazon =
    "\xEF\xBB\xBF" + kKaggleHeader +
    "s731,TV Show,The Boys,,\"Karl Urban, Jack Quaid, Antony Starr\",United States,,2020,18+,2 "
    "Seasons,Action,\"All Episodes Available.\"\r\n"
    "s5601,TV Show,Bosch,,\"Titus Welliver, Jamie Hector, Amy Aquino\",United States,\"June 3, "
    "2021\",2021,16+,7 Seasons,\"Action, Drama, Suspense\",\"When a ten-year-old girl dies in an "
    "arson fire, Detective Harry Bosch risks everything.\"\r\n";

// justwatch-us-2022/hulu/titles.csv
inline const std::string kJwHulu =
    kJustWatchHeader +
    "ts251994,Only Murders in the Building,SHOW,Three strangers who share an obsession with true "
    "crime suddenly find themselves wrapped up in one.,2021,TV-MA,32,\"['comedy', 'thriller', "
    "'crime', 'drama']\",['US'],2,tt12851524,8.1,66669,61.02,8.6\r\n"
    "ts271046,Mr. Mayor,SHOW,\"A retired businessman runs for mayor of Los Angeles to prove he's "
    "\"\"still got it.\"\"\",2021,TV-14,22,['comedy'],['US'],2,tt10662034,6.3,4059,24.496,"
    "6.7\r\n";

// streaming-catalogs-kaggle-2021/hulu_titles.csv: a Hulu original and an NBC show Hulu streams
// the day after broadcast, dated alike.
inline const std::string kKaggleHulu =
    "\xEF\xBB\xBF" + kKaggleHeader +
    "s315,TV Show,Only Murders in the Building,,,,\"August 31, 2021\",2021,,1 Season,\"Comedy, "
    "Mystery\",\"From the minds of Steve Martin, Dan Fogelman & John Hoffman comes a comedic "
    "murder-mystery series for the ages.\"\r\n"
    "s1054,TV Show,Mr. Mayor,,,United States,\"January 8, 2021\",2021,TV-PG,1 Season,\"Comedy, "
    "Sitcom\",\"When retired Los Angeles businessman Neil Bremer decides to run for mayor of his "
    "beloved city, he surprises everyone and wins the seat.\"\r\n";

// tvmaze-top-shows/TV_show_data.csv
inline const std::string kTvmazeMore =
    "Breaking Bad,\"Breaking Bad follows protagonist Walter White, a chemistry teacher who lives "
    "in New Mexico with his wife and teenage son who has cerebral palsy.\",60,1/20/2008,"
    "10/11/2019,\"['Drama', 'Crime', 'Thriller']\",Scripted,English,AMC,9.2,['Sunday'],22:00,5,"
    "62,\"0-Walter White, 1-Jesse Pinkman\",\"0-Bryan Cranston, 1-Aaron Paul\","
    "http://www.amc.com/shows/breaking-bad\r\n"
    "The Flash,\"After a particle accelerator causes a freak storm, CSI Investigator Barry Allen "
    "is struck by lightning and falls into a coma.\",60,10/7/2014,5/24/2023,\"['Drama', "
    "'Action', 'Science-Fiction']\",Scripted,English,The CW,7.5,['Wednesday'],20:00,9,184,"
    "\"0-Barry Allen, 1-Iris Ann West-Allen\",\"0-Grant Gustin, 1-Candice Patton\","
    "http://www.cwtv.com/shows/the-flash/\r\n";

// tv-shows-on-streaming-platforms/tv_shows.csv (Netflix, Hulu, Prime Video, Disney+ flags).
inline const std::string kPlatformFlagsMore =
    "1,2,Stranger Things,2016,16+,8.7/10,96/100,1,0,0,0,1\n"
    "23,24,The Flash,2014,16+,7.6/10,88/100,1,0,0,0,1\n"
    "98,99,Riverdale,2017,16+,6.8/10,81/100,1,1,0,0,1\n"
    "3451,3590,Bosch,2015,18+,8.4/10,88/100,0,0,1,0,1\n"
    "5058,5377,The Mandalorian,2019,16+,8.8/10,94/100,0,0,0,1,1\n"
    "5077,5401,Bluey,2018,all,9.6/10,71/100,0,0,0,1,1\n";

}  // namespace recs::adapters::testing
