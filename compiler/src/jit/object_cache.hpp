// The on-disk cache of compiled mechanisms: per key, the object code (one or more relocatable
// objects, linked together), the layout, and the files the source INCLUDEd with their content
// hashes (an entry whose includes changed is stale).
// Writes go to a temporary name and are renamed into place, so a crash never leaves a half
// entry; a cache that cannot be written only costs the next run a compilation.
#pragma once

#include <llvm/ADT/StringRef.h>

#include <optional>
#include <string>
#include <vector>

namespace cornu {

class ObjectCache {
public:
    explicit ObjectCache(std::string directory) : directory_(std::move(directory)) {}

    struct Entry {
        std::vector<std::string> objects;
        std::string layout;
    };

    std::optional<Entry> load(const std::string& key) const;
    void store(const std::string& key, const std::vector<llvm::StringRef>& objects, const std::string& layout,
               const std::vector<std::string>& includes) const;

    // SHA-256 of `text`, in hex.
    static std::string hash(const std::string& text);
    static bool read(const std::string& path, std::string& text, std::string& error);

private:
    std::string path(const std::string& key, const char* extension) const;
    std::string directory_;
};

}  // namespace cornu
