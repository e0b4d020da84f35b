#include "cornu/runtime/mechanism_storage.hpp"

#include <cstdlib>
#include <cstring>
#include <new>

namespace cornu::runtime {

void MechanismStorage::Free::operator()(double* p) const { std::free(p); }

MechanismStorage::MechanismStorage(const MechanismLayout& layout, std::size_t count)
    : layout_(layout), count_(count) {
    // Each field is padded to whole vectors and 64-byte aligned, so vector loads never straddle
    // two fields and the vectorised loop's remainder reads padding, never another field.
    stride_ = (count + CORNU_ALIGN_WIDTH - 1) / CORNU_ALIGN_WIDTH * CORNU_ALIGN_WIDTH;
    if (stride_ == 0) stride_ = CORNU_ALIGN_WIDTH;
    std::size_t total = stride_ * std::max<std::size_t>(layout.fields.size(), 1);
    void* memory = std::aligned_alloc(64, total * sizeof(double));
    if (!memory) throw std::bad_alloc();
    block_.reset(static_cast<double*>(memory));
    for (std::size_t f = 0; f < layout.fields.size(); ++f) fields_.push_back(block_.get() + f * stride_);
    globals_.resize(layout.globals.size());
    for (const TableInfo& t : layout.tables) tables_.emplace_back(t.storage_size());
    for (auto& t : tables_) table_pointers_.push_back(t.data());
    reset();
}

double* MechanismStorage::field(const std::string& variable, int element) {
    int index = layout_.field(variable, element);
    return index < 0 ? nullptr : field(index);
}

double* MechanismStorage::global(const std::string& variable, int element) {
    int index = layout_.global(variable, element);
    return index < 0 ? nullptr : &globals_[static_cast<std::size_t>(index)];
}

void MechanismStorage::reset() {
    for (std::size_t f = 0; f < layout_.fields.size(); ++f) {
        double value = layout_.fields[f].default_value;
        for (std::size_t i = 0; i < stride_; ++i) fields_[f][i] = value;
    }
    for (std::size_t g = 0; g < layout_.globals.size(); ++g) globals_[g] = layout_.globals[g].default_value;
    for (auto& t : tables_) std::fill(t.begin(), t.end(), 0.0);
}

void MechanismStorage::bind(cornu_mech_data& data) {
    data.n = static_cast<int64_t>(count_);
    data.stride = static_cast<int64_t>(stride_);
    data.fields = fields_.data();
    data.globals = globals_.data();
    data.tables = table_pointers_.data();
}

}  // namespace cornu::runtime
