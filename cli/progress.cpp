// Following a sync job: its JSON, when its run is over, and the progress bar / log lines.
#include "cli/progress.hpp"

#include <algorithm>

#include "cli/json_util.hpp"
#include "cli/table.hpp"

namespace recs::cli {

job_progress parse_job(const rapidjson::Value& v) {
  job_progress p;
  p.source = str_of(v, "source");
  p.job = str_of(v, "job");
  p.state = str_of(v, "state");
  p.run_id = int_of(v, "run_id");
  p.started_ts = int_of(v, "started_ts");
  if (const auto* pr = member(v, "progress")) {
    p.total = int_of(*pr, "total");
    p.done = int_of(*pr, "done");
    p.changed = int_of(*pr, "changed");
    p.failed = int_of(*pr, "failed");
    p.current = str_of(*pr, "current");
  }
  if (const auto* last = member(v, "last_run")) {
    p.last_status = str_of(*last, "status");
    p.last_message = str_of(*last, "message");
    p.last_finished_ts = int_of(*last, "finished_ts");
  }
  return p;
}

bool run_finished(const job_progress& now, std::int64_t started_ts) {
  if (now.state == "running" || now.state == "stopping") return false;
  if (now.state == "paused") {
    return !now.last_status.empty() && now.last_finished_ts >= started_ts;
  }
  return true;
}

namespace {

std::string label(const job_progress& p) {
  return p.job.empty() ? p.source : p.job;
}

int percent(const job_progress& p) {
  if (p.total <= 0) return 0;
  return static_cast<int>(std::min<std::int64_t>(100, p.done * 100 / p.total));
}

std::string counts(const job_progress& p) {
  return std::to_string(p.changed) + " changed  " + std::to_string(p.failed) + " failed";
}

}  // namespace

std::string render_bar(const job_progress& p, int width) {
  const std::size_t w = static_cast<std::size_t>(std::max(width, 20));
  std::string head = label(p);
  if (p.state != "running") head += " (" + p.state + ")";
  std::string tail;
  std::string bar;
  if (p.total > 0) {
    tail = "  " + std::to_string(p.done) + "/" + std::to_string(p.total) + "  " +
           std::to_string(percent(p)) + "%  " + counts(p);
    // The bar takes what is left after the head, the numbers and up to 20 columns of the
    // title, 10-30 cells.
    const std::size_t title =
        p.current.empty() ? 0 : std::min<std::size_t>(20, display_width(p.current) + 2);
    const std::size_t fixed = display_width(head) + 3 + display_width(tail) + title;
    std::size_t cells = w > fixed ? w - fixed : 10;
    cells = std::clamp<std::size_t>(cells, 10, 30);
    const auto filled = static_cast<std::size_t>(std::min<std::int64_t>(
        static_cast<std::int64_t>(cells), p.done * static_cast<std::int64_t>(cells) / p.total));
    bar = " [" + std::string(filled, '#') + std::string(cells - filled, '-') + "]";
  } else {
    tail = "  " + std::to_string(p.done) + " done  " + counts(p);
  }
  std::string line = head + bar + tail;
  if (!p.current.empty()) {
    const std::size_t used = display_width(line) + 2;
    if (w >= used + 6) line += "  " + truncate_to_width(p.current, w - used);
  }
  return truncate_to_width(line, w);
}

std::string render_plain(const job_progress& p) {
  std::string s = label(p) + ": " + p.state;
  if (p.total > 0) {
    s += " " + std::to_string(p.done) + "/" + std::to_string(p.total) + " (" +
         std::to_string(percent(p)) + "%)";
  } else if (p.done > 0) {
    s += " " + std::to_string(p.done) + " done";
  }
  s += ", " + std::to_string(p.changed) + " changed, " + std::to_string(p.failed) + " failed";
  if (!p.current.empty()) s += ", at \"" + p.current + "\"";
  return s;
}

std::string render_finished(const job_progress& p) {
  std::string s = label(p) + " finished: " + (p.last_status.empty() ? p.state : p.last_status);
  s += ", " + std::to_string(p.done) + (p.total > 0 ? "/" + std::to_string(p.total) : "") +
       " done, " + std::to_string(p.changed) + " changed, " + std::to_string(p.failed) +
       " failed\n";
  if (!p.last_message.empty()) s += p.last_message + "\n";
  return s;
}

std::string progress_reporter::update(const job_progress& p, std::int64_t now_ms) {
  if (tty_) {
    std::string text = render_bar(p, width_ - 1);  // the last column would wrap on some terminals
    if (drawn_ && text == last_text_) return "";
    drawn_ = true;
    last_text_ = text;
    return "\r" + text + "\x1b[K";
  }
  std::string text = render_plain(p);
  const bool first = !drawn_;
  const bool state_changed = p.state != last_state_;
  const bool due = text != last_text_ && now_ms - last_ms_ >= interval_ms_;
  if (!first && !state_changed && !due) return "";
  drawn_ = true;
  last_text_ = text;
  last_state_ = p.state;
  last_ms_ = now_ms;
  return text + "\n";
}

std::string progress_reporter::finish() {
  if (tty_ && drawn_) {
    drawn_ = false;
    return "\n";
  }
  return "";
}

}  // namespace recs::cli
