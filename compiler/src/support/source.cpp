#include "cornu/compiler/source.hpp"

namespace cornu {

std::uint32_t SourceManager::add(std::string name, std::string text) {
    File file{std::move(name), std::move(text), {0}};
    for (std::size_t i = 0; i < file.text.size(); ++i) {
        // A line ends at "\n", "\r\n" or a lone "\r" (old Mac files exist among .mod files).
        if (file.text[i] == '\n') {
            file.line_starts.push_back(i + 1);
        } else if (file.text[i] == '\r') {
            if (i + 1 < file.text.size() && file.text[i + 1] == '\n') ++i;
            file.line_starts.push_back(i + 1);
        }
    }
    files_.push_back(std::move(file));
    return static_cast<std::uint32_t>(files_.size());
}

const std::string& SourceManager::name(std::uint32_t file) const {
    static const std::string none = "<unknown>";
    return file >= 1 && file <= files_.size() ? files_[file - 1].name : none;
}

const std::string& SourceManager::text(std::uint32_t file) const {
    static const std::string none;
    return file >= 1 && file <= files_.size() ? files_[file - 1].text : none;
}

std::string_view SourceManager::line(std::uint32_t file, std::uint32_t line) const {
    if (file < 1 || file > files_.size()) return {};
    const File& f = files_[file - 1];
    if (line < 1 || line > f.line_starts.size()) return {};
    std::size_t begin = f.line_starts[line - 1];
    std::size_t end = line < f.line_starts.size() ? f.line_starts[line] : f.text.size();
    std::string_view view(f.text);
    view = view.substr(begin, end - begin);
    while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
    return view;
}

}  // namespace cornu
