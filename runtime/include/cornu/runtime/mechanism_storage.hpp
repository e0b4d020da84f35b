// The instances of one mechanism: structure-of-arrays storage laid out as the compiled
// mechanism's layout says, plus its globals and TABLE storage, and the cornu_mech_data view the
// kernels receive.
#pragma once

#include "cornu/compiler/layout.hpp"
#include "cornu/compiler/mechanism_abi.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace cornu::runtime {

class MechanismStorage {
public:
    MechanismStorage(const MechanismLayout& layout, std::size_t count);

    const MechanismLayout& layout() const { return layout_; }
    std::size_t size() const { return count_; }
    std::size_t stride() const { return stride_; }

    // Base pointer of a field (fields of one array variable are `stride()` apart).
    double* field(int index) { return fields_[static_cast<std::size_t>(index)]; }
    // A field by NMODL name, or nullptr.
    double* field(const std::string& variable, int element = 0);
    double& global(int index) { return globals_[static_cast<std::size_t>(index)]; }
    // A global by NMODL name; nullptr if there is none.
    double* global(const std::string& variable, int element = 0);

    // Resets every field and global to its default (PARAMETER values, otherwise 0) and marks
    // every TABLE as not built.
    void reset();

    // Points `data` at this storage (n, stride, fields, globals, tables). Node and ion arrays
    // and the scalars t, dt, celsius are the caller's.
    void bind(cornu_mech_data& data);

private:
    struct Free {
        void operator()(double* p) const;
    };

    MechanismLayout layout_;
    std::size_t count_;
    std::size_t stride_;
    std::unique_ptr<double, Free> block_;
    std::vector<double*> fields_;
    std::vector<double> globals_;
    std::vector<std::vector<double>> tables_;
    std::vector<double*> table_pointers_;
};

}  // namespace cornu::runtime
