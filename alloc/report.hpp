// alloc/report.hpp — the fragmentation report: the same fields for every
// allocator policy, as text (sys._debugmallocstats(), -X mallocstats) and as
// JSON (-X mallocstats=json, read by the experiment harness).
//
// Invariant (checked by check_report() and a unit test): the bytes of the
// small-object region add up —
//   live_block_bytes + free_in_pages_bytes + empty_pages_bytes + overhead_bytes
//     == region_reserved_bytes
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gk {

struct SizeClassRow {
  size_t block_size = 0;
  size_t pages = 0;        // pools (pymalloc) or pages (mimalloc) holding this class
  size_t blocks_used = 0;
  size_t blocks_free = 0;  // free blocks inside those pools/pages
};

struct FragmentationReport {
  std::string allocator;              // "pymalloc", "mimalloc", "malloc"
  std::vector<SizeClassRow> classes;  // ascending block size; rows with pages == 0 omitted
  size_t requested_bytes = 0;         // bytes requested by live objects
  size_t requested_blocks = 0;        // live allocations
  size_t live_block_bytes = 0;        // bytes in live blocks of the small-object region
  size_t free_in_pages_bytes = 0;     // free blocks inside used pools/pages
  size_t empty_pages_bytes = 0;       // pools/pages with no block in use (incl. never carved)
  size_t overhead_bytes = 0;          // pool headers, quantization tails, alignment, page metadata
  size_t region_reserved_bytes = 0;   // the small-object region obtained from the OS
  size_t large_bytes = 0;             // requests served outside the region (> 512 B for pymalloc)
  size_t large_blocks = 0;
  size_t os_reserved_bytes = 0;       // everything the allocator reserved from the OS
  size_t os_committed_bytes = 0;      // ... and committed
  int64_t arenas_allocated = -1;      // -1: not reported by this allocator
  int64_t arenas_reclaimed = -1;
  int64_t arenas_highwater = -1;
  int64_t arenas_current = -1;
  size_t rss_bytes = 0;               // process resident set size
  size_t peak_rss_bytes = 0;
};

std::string report_text(const FragmentationReport& r);
std::string report_json(const FragmentationReport& r);
// The invariant above; returns false and a description when it fails.
bool check_report(const FragmentationReport& r, std::string* why = nullptr);

size_t process_rss_bytes() noexcept;       // from /proc/self/statm
size_t process_peak_rss_bytes() noexcept;  // from getrusage

}  // namespace gk
