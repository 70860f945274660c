#pragma once
// Real rows copied from the data files in shared/data (long cast columns shortened), used as
// small in-memory fixtures by several adapters suites.

#include <string>

namespace recs::adapters::testing {

inline const std::string kJustWatchHeader =
    "id,title,type,description,release_year,age_certification,runtime,genres,"
    "production_countries,seasons,imdb_id,imdb_score,imdb_votes,tmdb_popularity,tmdb_score\r\n";

// justwatch-us-2023/netflix/titles.csv
inline const std::string kJwNetflix =
    kJustWatchHeader +
    "ts4,Breaking Bad,SHOW,\"When Walter White, a New Mexico chemistry teacher, is diagnosed "
    "with Stage III cancer and given a prognosis of only two years left to live. He becomes "
    "filled with a sense of fearlessness and an unrelenting desire to secure his family's "
    "financial future at any cost as he enters the dangerous world of drugs and "
    "crime.\",2008,TV-MA,48,\"['drama', 'comedy', 'crime', 'thriller']\",['US'],5.0,tt0903747,"
    "9.5,1950943.0,442.868,8.875\r\n"
    "ts36177,Glitch,SHOW,A police officer and a doctor face an emotionally charged mystery when "
    "seven local residents inexplicably return from the dead in peak physical form.,2015,TV-MA,"
    "53,\"['drama', 'scifi', 'horror', 'thriller']\",['AU'],3.0,tt4192782,7.3,17240.0,43.991,"
    "6.811\r\n"
    "ts314550,Glitch,SHOW,A young woman joins forces with a UFO enthusiast to investigate her "
    "boyfriend\xE2\x80\x99s sudden disappearance and stumbles into a wild conspiracy.,2022,TV-MA,"
    "54,\"['comedy', 'scifi', 'drama', 'thriller']\",['KR'],1.0,tt14735382,6.2,892.0,41.88,"
    "7.517\r\n"
    "tm82169,Rocky,MOVIE,A boxer.,1976,PG,119,\"['drama', 'sport']\",['US'],,tt0075148,8.1,"
    "592629.0,78.756,7.784\r\n";

// justwatch-us-2023/disney/titles.csv
inline const std::string kJwDisney =
    kJustWatchHeader +
    "ts84270,Bluey,SHOW,\"Bluey is an inexhaustible six year-old Blue Heeler dog, who loves to "
    "play and turns everyday family life into extraordinary adventures, developing her "
    "imagination as well as her mental, physical and emotional resilience.\",2018,TV-Y,8,"
    "\"['family', 'animation']\",['AU'],3.0,tt7678620,9.5,14163.0,158.239,8.223\r\n";

// streaming-catalogs-kaggle-2021/netflix_titles.csv: UTF-8 BOM, CRLF.
inline const std::string kKaggleNetflix =
    "\xEF\xBB\xBFshow_id,type,title,director,cast,country,date_added,release_year,rating,"
    "duration,listed_in,description\r\n"
    "s3492,TV Show,Glitch,,\"Patrick Brammall, Genevieve O'Reilly, Emma Booth\",Australia,"
    "\"September 25, 2019\",2019,TV-MA,3 Seasons,\"International TV Shows, TV Dramas, TV "
    "Horror\",A police officer and a doctor face an emotionally charged mystery when seven "
    "local residents inexplicably return from the dead in peak physical form.\r\n"
    "s5941,TV Show,Breaking Bad,,\"Bryan Cranston, Aaron Paul, Anna Gunn\",United States,"
    "\"August 2, 2013\",2013,TV-MA,5 Seasons,\"Crime TV Shows, TV Dramas, TV Thrillers\",A high "
    "school chemistry teacher dying of cancer teams with a former student to secure his "
    "family's future by manufacturing and selling crystal meth.\r\n"
    "s2,TV Show,Blood & Water,,\"Ama Qamata, Khosi Ngema\",South Africa,\"September 24, 2021\","
    "2021,TV-MA,2 Seasons,\"International TV Shows, TV Dramas, TV Mysteries\",\"After crossing "
    "paths at a party, a Cape Town teen sets out to prove whether a private-school swimming star "
    "is her sister who was abducted at birth.\"\r\n"
    "s1,Movie,Dick Johnson Is Dead,Kirsten Johnson,,United States,\"September 25, 2021\",2020,"
    "PG-13,90 min,Documentaries,\"As her father nears the end of his life, filmmaker Kirsten "
    "Johnson stages his death in inventive and comical ways to help them both face the "
    "inevitable.\"\r\n";

// tvmaze-top-shows/TV_show_data.csv (End Date / Premiere Date swapped as in the file).
inline const std::string kTvmaze =
    "Name,Summary,Average Runtime,End Date,Premiere Date,Genres,Type,Language,Network,Rating,"
    "Schedule (days),Schedule (time),Total Seasons,Total Episodes,Character Names,Person Names,"
    "Official Site\r\n"
    "Glitch,\"James Hayes is a small town police man who is called to the local cemetery in the "
    "middle of the night after six people have inexplicably risen from the dead.\",60,7/9/2015,"
    "9/29/2019,\"['Drama', 'Mystery', 'Supernatural']\",Scripted,English,ABC,7.4,['Sunday'],"
    "21:30,3,18,\"0-James Hayes, 1-Kate Willis\",\"0-Patrick Brammall, 1-Emma Booth\","
    "http://www.abc.net.au/tv/programs/glitch/\r\n"
    "Game of Thrones,\"Based on the bestselling book series <i>A Song of Ice and Fire</i> by "
    "George R.R. Martin, this sprawling new HBO drama is set in a world where summers span "
    "decades and winters can last a lifetime.\",61,4/17/2011,5/19/2019,\"['Drama', "
    "'Adventure', 'Fantasy']\",Scripted,English,HBO,9,['Sunday'],21:00,8,73,0-Jon Snow,"
    "0-Kit Harington,http://www.hbo.com/game-of-thrones\r\n";

// tv-shows-on-streaming-platforms/tv_shows.csv (LF, no BOM).
inline const std::string kPlatformFlags =
    ",ID,Title,Year,Age,IMDb,Rotten Tomatoes,Netflix,Hulu,Prime Video,Disney+,Type\n"
    "0,1,Breaking Bad,2008,18+,9.4/10,100/100,1,0,0,0,1\n"
    "5,6,Avatar: The Last Airbender,2005,7+,9.3/10,93/100,1,0,1,0,1\n";

}  // namespace recs::adapters::testing
