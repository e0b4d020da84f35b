// bench_spawn: wall time of running a command once per file, as a separate process.
//
//   bench_spawn [-n REPEATS] [--cmd NAME=COMMAND]... FILE...
//
// COMMAND is split on blanks; "{}" in it is replaced by the file (appended if absent). For each
// file the commands are run in turn, REPEATS rounds (after one untimed round), so that drift in
// the machine's speed hits every command alike. Time is from posix_spawn to waitpid, with stdout
// and stderr sent to /dev/null. Prints TSV: file, then per command the exit status of the first
// run, the median and the minimum in microseconds.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Command {
    std::string name;
    std::vector<std::string> words;
};

std::vector<std::string> argv_for(const Command& c, const std::string& file) {
    std::vector<std::string> out;
    bool placed = false;
    for (const std::string& w : c.words) {
        if (w == "{}") {
            out.push_back(file);
            placed = true;
        } else {
            out.push_back(w);
        }
    }
    if (!placed) out.push_back(file);
    return out;
}

// Runs argv once; returns the wall time in microseconds and sets status to the exit code.
double run(const std::vector<std::string>& args, int& status) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    int err = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0) {
        std::cerr << "bench_spawn: cannot run " << args[0] << ": " << std::strerror(err) << "\n";
        std::exit(1);
    }
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    auto stop = std::chrono::steady_clock::now();
    status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    return std::chrono::duration<double, std::micro>(stop - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

int main(int argc, char** argv) {
    int repeats = 20;
    std::vector<Command> commands;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-n" && i + 1 < argc) {
            repeats = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--cmd" && i + 1 < argc) {
            std::string spec = argv[++i];
            std::size_t eq = spec.find('=');
            Command c;
            c.name = eq == std::string::npos ? "cmd" + std::to_string(commands.size()) : spec.substr(0, eq);
            std::istringstream words(eq == std::string::npos ? spec : spec.substr(eq + 1));
            for (std::string w; words >> w;) c.words.push_back(w);
            if (c.words.empty()) return 2;
            commands.push_back(c);
        } else {
            files.push_back(a);
        }
    }
    if (commands.empty() || files.empty()) {
        std::cerr << "usage: bench_spawn [-n REPEATS] --cmd NAME=COMMAND... FILE...\n";
        return 2;
    }

    std::cout << "file";
    for (const Command& c : commands) std::cout << '\t' << c.name << "_status\t" << c.name << "_median_us\t" << c.name << "_min_us";
    std::cout << '\n';
    for (const std::string& file : files) {
        std::vector<std::vector<double>> times(commands.size());
        std::vector<int> first_status(commands.size(), 0);
        for (int round = -1; round < repeats; ++round) {
            for (std::size_t c = 0; c < commands.size(); ++c) {
                int status = 0;
                double us = run(argv_for(commands[c], file), status);
                if (round < 0) first_status[c] = status;  // warm-up round: status only
                else times[c].push_back(us);
            }
        }
        std::cout << file;
        for (std::size_t c = 0; c < commands.size(); ++c) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "\t%d\t%.1f\t%.1f", first_status[c], median(times[c]),
                          *std::min_element(times[c].begin(), times[c].end()));
            std::cout << buf;
        }
        std::cout << '\n';
    }
    return 0;
}
