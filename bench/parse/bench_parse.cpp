// bench_parse: in-process parse + analyse time per .mod file.
//
//   bench_parse [-n REPEATS] [--tsv] FILE.mod...
//
// With -n 0 each file is parsed once, cold: run as a process per file, that is what a
// `cornu check` linked with the front end alone would cost (run.sh, column (d)).
//
// Each file is read once, then parsed (parse_text, INCLUDEs resolved next to the file) and
// analysed REPEATS times (after one untimed warm-up run); the median and minimum per file are
// reported, and the sum of the medians. The time covers everything `cornu check` does with a file
// except reading it and printing: lexing, the nesting guard, the ANTLR parse, AST building,
// INCLUDE splicing and semantic analysis, with fresh SourceManager/DiagnosticEngine each time.
// The ANTLR DFA cache is process-wide and warm after the first run, as in a long-lived process;
// the warm-up run's time is reported too ("first": for the first file, a cold process).
#include "cornu/compiler/analysis.hpp"
#include "cornu/compiler/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace cornu;
using namespace cornu::nmodl;

namespace {

struct Result {
    std::string path;
    std::size_t bytes = 0;
    bool ok = true;  // parsed and analysed without errors
    double median_us = 0, min_us = 0;
    double first_us = 0;  // the untimed warm-up run (for the first file: a cold process)
};

// One parse + analyse; returns microseconds and whether there were errors.
double run_once(const std::string& path, const std::string& text, bool& ok) {
    auto start = std::chrono::steady_clock::now();
    SourceManager sources;
    DiagnosticEngine diags(sources);
    Module module = parse_text(path, text, sources, diags);
    if (!diags.has_errors()) analyse(module, diags);
    auto stop = std::chrono::steady_clock::now();
    ok = !diags.has_errors();
    return std::chrono::duration<double, std::micro>(stop - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

int usage() {
    std::cerr << "usage: bench_parse [-n REPEATS] [--tsv] FILE.mod...\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    int repeats = 50;
    bool tsv = false;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-n" && i + 1 < argc) repeats = std::max(0, std::atoi(argv[++i]));
        else if (a == "--tsv") tsv = true;
        else if (a == "-h" || a == "--help") return usage();
        else files.push_back(a);
    }
    if (files.empty()) return usage();

    std::vector<Result> results;
    for (const std::string& path : files) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::cerr << "bench_parse: cannot read " << path << "\n";
            return 1;
        }
        std::ostringstream buffer;
        buffer << in.rdbuf();
        std::string text = buffer.str();

        Result r;
        r.path = path;
        r.bytes = text.size();
        bool ok = true;
        r.first_us = run_once(path, text, ok);  // warm-up: page in code, fill the ANTLR DFA cache
        std::vector<double> times;
        times.reserve(repeats);
        for (int k = 0; k < repeats; ++k) times.push_back(run_once(path, text, ok));
        r.ok = ok;
        if (times.empty()) times.push_back(r.first_us);  // -n 0: the one cold run
        r.median_us = median(times);
        r.min_us = *std::min_element(times.begin(), times.end());
        results.push_back(r);
    }

    double total = 0;
    for (const Result& r : results) total += r.median_us;
    if (tsv) {
        std::cout << "file\tbytes\tok\tmedian_us\tmin_us\tfirst_us\n";
        for (const Result& r : results)
            std::cout << fmt::format("{}\t{}\t{}\t{:.1f}\t{:.1f}\t{:.1f}\n", r.path, r.bytes, r.ok ? 1 : 0,
                                     r.median_us, r.min_us, r.first_us);
        return 0;
    }
    std::cout << fmt::format("{:<44} {:>7} {:>11} {:>11} {:>11}\n", "file", "bytes", "median us", "min us",
                             "first us");
    for (const Result& r : results) {
        std::string name = r.path.size() > 44 ? "..." + r.path.substr(r.path.size() - 41) : r.path;
        std::cout << fmt::format("{:<44} {:>7} {:>11.1f} {:>11.1f} {:>11.1f}{}\n", name, r.bytes, r.median_us,
                                 r.min_us, r.first_us, r.ok ? "" : "  (errors)");
    }
    std::cout << fmt::format("{} files, {} repeats each: total of medians {:.1f} us\n", results.size(), repeats,
                             total);
    return 0;
}
