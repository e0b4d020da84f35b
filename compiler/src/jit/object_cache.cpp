#include "object_cache.hpp"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/Support/SHA256.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace cornu {

namespace fs = std::filesystem;

std::string ObjectCache::hash(const std::string& text) {
    auto digest = llvm::SHA256::hash(llvm::ArrayRef<std::uint8_t>(
        reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (std::uint8_t byte : digest) {
        out += hex[byte >> 4];
        out += hex[byte & 15];
    }
    return out;
}

bool ObjectCache::read(const std::string& file, std::string& text, std::string& error) {
    std::error_code ec;
    if (fs::is_directory(file, ec)) {
        error = "it is a directory";
        return false;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        error = std::strerror(errno);
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    return true;
}

std::string ObjectCache::path(const std::string& key, const char* extension) const {
    return directory_ + "/" + key + extension;
}

std::optional<ObjectCache::Entry> ObjectCache::load(const std::string& key) const {
    std::string object, layout, deps, error;
    if (!read(path(key, ".o"), object, error) || !read(path(key, ".layout"), layout, error) ||
        !read(path(key, ".deps"), deps, error))
        return std::nullopt;
    std::istringstream lines(deps);
    std::string digest, file;
    while (lines >> digest && std::getline(lines >> std::ws, file)) {
        std::string text;
        if (!read(file, text, error) || hash(text) != digest) return std::nullopt;
    }
    return Entry{std::vector<char>(object.begin(), object.end()), layout};
}

namespace {

// Writes `data` to `target` through a temporary file in the same folder and an atomic rename.
bool write_atomically(const std::string& target, const char* data, std::size_t size) {
    std::string temporary = target + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out.write(data, static_cast<std::streamsize>(size));
        if (!out) return false;
    }
    std::error_code ec;
    fs::rename(temporary, target, ec);
    if (ec) fs::remove(temporary, ec);
    return !ec;
}

}  // namespace

void ObjectCache::store(const std::string& key, const char* object, std::size_t size, const std::string& layout,
                        const std::vector<std::string>& includes) const {
    std::error_code ec;
    fs::create_directories(directory_, ec);
    if (ec) return;
    std::string deps;
    for (const std::string& file : includes) {
        std::string text, error;
        if (!read(file, text, error)) return;
        deps += hash(text) + " " + file + "\n";
    }
    // The .deps file is written last: an entry is complete only when all three exist.
    if (!write_atomically(path(key, ".o"), object, size)) return;
    if (!write_atomically(path(key, ".layout"), layout.data(), layout.size())) return;
    write_atomically(path(key, ".deps"), deps.data(), deps.size());
}

}  // namespace cornu
