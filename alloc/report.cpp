// alloc/report.cpp — formatting the fragmentation report and reading RSS.
#include "alloc/report.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdarg>
#include <cstdio>

namespace gk {

namespace {
void appendf(std::string& out, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void appendf(std::string& out, const char* fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > 0) out.append(buf, static_cast<size_t>(n) < sizeof buf ? static_cast<size_t>(n) : sizeof buf - 1);
}

void line(std::string& out, const char* label, size_t v) { appendf(out, "%-42s= %21zu\n", label, v); }
void line_i(std::string& out, const char* label, int64_t v) {
  if (v < 0) appendf(out, "%-42s= %21s\n", label, "n/a");
  else appendf(out, "%-42s= %21" PRId64 "\n", label, v);
}
}  // namespace

std::string report_text(const FragmentationReport& r) {
  std::string out;
  appendf(out, "Allocator: %s\n\n", r.allocator.c_str());
  out += "block size   pools/pages   blocks in use   blocks free   utilisation\n";
  out += "----------   -----------   -------------   -----------   -----------\n";
  for (const SizeClassRow& c : r.classes) {
    size_t total = c.blocks_used + c.blocks_free;
    appendf(out, "%10zu   %11zu   %13zu   %11zu   %10.1f%%\n", c.block_size, c.pages, c.blocks_used, c.blocks_free,
            total ? 100.0 * static_cast<double>(c.blocks_used) / static_cast<double>(total) : 0.0);
  }
  out += "\n";
  line(out, "# bytes requested by live objects", r.requested_bytes);
  line(out, "# live allocations", r.requested_blocks);
  line(out, "# bytes in live blocks", r.live_block_bytes);
  line(out, "# bytes free inside pools/pages", r.free_in_pages_bytes);
  line(out, "# bytes in empty pools/pages", r.empty_pages_bytes);
  line(out, "# bytes lost to headers and quantization", r.overhead_bytes);
  line(out, "# bytes in the small-object region", r.region_reserved_bytes);
  line(out, "# bytes in large blocks", r.large_bytes);
  line(out, "# large blocks", r.large_blocks);
  line(out, "# bytes reserved from the OS", r.os_reserved_bytes);
  line(out, "# bytes committed from the OS", r.os_committed_bytes);
  line_i(out, "# arenas allocated total", r.arenas_allocated);
  line_i(out, "# arenas reclaimed", r.arenas_reclaimed);
  line_i(out, "# arenas highwater mark", r.arenas_highwater);
  line_i(out, "# arenas allocated current", r.arenas_current);
  line(out, "# process RSS bytes", r.rss_bytes);
  line(out, "# process peak RSS bytes", r.peak_rss_bytes);
  return out;
}

std::string report_json(const FragmentationReport& r) {
  std::string out = "{";
  appendf(out, "\"allocator\": \"%s\", \"classes\": [", r.allocator.c_str());
  for (size_t i = 0; i < r.classes.size(); ++i) {
    const SizeClassRow& c = r.classes[i];
    appendf(out, "%s{\"block_size\": %zu, \"pages\": %zu, \"blocks_used\": %zu, \"blocks_free\": %zu}",
            i ? ", " : "", c.block_size, c.pages, c.blocks_used, c.blocks_free);
  }
  out += "]";
  auto field = [&](const char* k, size_t v) { appendf(out, ", \"%s\": %zu", k, v); };
  auto field_i = [&](const char* k, int64_t v) {
    if (v < 0) appendf(out, ", \"%s\": null", k);
    else appendf(out, ", \"%s\": %" PRId64, k, v);
  };
  field("requested_bytes", r.requested_bytes);
  field("requested_blocks", r.requested_blocks);
  field("live_block_bytes", r.live_block_bytes);
  field("free_in_pages_bytes", r.free_in_pages_bytes);
  field("empty_pages_bytes", r.empty_pages_bytes);
  field("overhead_bytes", r.overhead_bytes);
  field("region_reserved_bytes", r.region_reserved_bytes);
  field("large_bytes", r.large_bytes);
  field("large_blocks", r.large_blocks);
  field("os_reserved_bytes", r.os_reserved_bytes);
  field("os_committed_bytes", r.os_committed_bytes);
  field_i("arenas_allocated", r.arenas_allocated);
  field_i("arenas_reclaimed", r.arenas_reclaimed);
  field_i("arenas_highwater", r.arenas_highwater);
  field_i("arenas_current", r.arenas_current);
  field("rss_bytes", r.rss_bytes);
  field("peak_rss_bytes", r.peak_rss_bytes);
  out += "}";
  return out;
}

bool check_report(const FragmentationReport& r, std::string* why) {
  size_t sum = r.live_block_bytes + r.free_in_pages_bytes + r.empty_pages_bytes + r.overhead_bytes;
  if (sum != r.region_reserved_bytes) {
    if (why) {
      *why = "live + free + empty + overhead = " + std::to_string(sum) + " but the region holds " +
             std::to_string(r.region_reserved_bytes);
    }
    return false;
  }
  size_t used_bytes = 0;
  for (const SizeClassRow& c : r.classes) used_bytes += c.blocks_used * c.block_size;
  if (used_bytes != r.live_block_bytes) {
    if (why) *why = "per-class blocks in use do not add up to the live block bytes";
    return false;
  }
  return true;
}

size_t process_rss_bytes() noexcept {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size = 0, resident = 0;
  int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  return n == 2 ? resident * static_cast<size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

size_t process_peak_rss_bytes() noexcept {
  rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0) return 0;
  return static_cast<size_t>(ru.ru_maxrss) * 1024;
}

}  // namespace gk
