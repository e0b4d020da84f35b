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

namespace {

// The .objects file: "cornu objects <count>\n", then per object "<size>\n" and its bytes.
constexpr const char* objects_magic = "cornu objects ";

std::string pack(const std::vector<llvm::StringRef>& objects) {
    std::string out = objects_magic + std::to_string(objects.size()) + "\n";
    for (llvm::StringRef object : objects) {
        out += std::to_string(object.size()) + "\n";
        out.append(object.data(), object.size());
    }
    return out;
}

std::optional<std::vector<std::string>> unpack(const std::string& text) {
    std::size_t at = 0;
    auto number = [&](std::size_t& value) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos || end == at || end - at > 19) return false;
        value = 0;
        for (std::size_t k = at; k < end; ++k) {
            if (text[k] < '0' || text[k] > '9') return false;
            value = value * 10 + static_cast<std::size_t>(text[k] - '0');
        }
        at = end + 1;
        return true;
    };
    std::string magic = objects_magic;
    if (text.compare(0, magic.size(), magic) != 0) return std::nullopt;
    at = magic.size();
    std::size_t count = 0;
    if (!number(count) || count == 0 || count > 16) return std::nullopt;
    std::vector<std::string> objects;
    for (std::size_t k = 0; k < count; ++k) {
        std::size_t size = 0;
        if (!number(size) || size > text.size() - at) return std::nullopt;
        objects.push_back(text.substr(at, size));
        at += size;
    }
    if (at != text.size()) return std::nullopt;
    return objects;
}

}  // namespace

std::optional<ObjectCache::Entry> ObjectCache::load(const std::string& key) const {
    std::string packed, layout, deps, error;
    if (!read(path(key, ".objects"), packed, error) || !read(path(key, ".layout"), layout, error) ||
        !read(path(key, ".deps"), deps, error))
        return std::nullopt;
    auto objects = unpack(packed);
    if (!objects) return std::nullopt;
    std::istringstream lines(deps);
    std::string digest, file;
    while (lines >> digest && std::getline(lines >> std::ws, file)) {
        std::string text;
        if (!read(file, text, error) || hash(text) != digest) return std::nullopt;
    }
    return Entry{std::move(*objects), layout};
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

void ObjectCache::store(const std::string& key, const std::vector<llvm::StringRef>& objects,
                        const std::string& layout, const std::vector<std::string>& includes) const {
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
    std::string packed = pack(objects);
    if (!write_atomically(path(key, ".objects"), packed.data(), packed.size())) return;
    if (!write_atomically(path(key, ".layout"), layout.data(), layout.size())) return;
    write_atomically(path(key, ".deps"), deps.data(), deps.size());
}

}  // namespace cornu
