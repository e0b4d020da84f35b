// scopmath's minimum-degree elimination order for KINETIC systems solved with METHOD sparse
// (NEURON 8.2 src/scopmath/sparse_thread.c: spar_minorder, get_next_pivot, reduce_order,
// increase_order). It depends only on the structure of the Jacobian, so the code generator
// computes it at compile time for blocks whose structure is static, and cornu_kinetic_solve at
// run time for the others; both must give the same order, hence one implementation.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cornu::kernel_support {

// Chooses the pivot order from the structure of the matrix (present[row * n + col], diagonal
// included) and adds the fill-in elements elimination creates, replaying spar_minorder: rows wait
// in a queue sorted by their number of elements, where a row (re)inserted goes before every row
// with as many or more (insert), so ties go to the row touched last. Each step takes the head of
// the queue as the next pivot, moves it to that position keeping the others in order
// (get_next_pivot), then, for each later row with an element in the pivot column, creates its
// missing elements under the pivot row's (each one a count increase) and counts its pivot-column
// element as gone (reduce_order).
class MinimumDegree {
public:
    MinimumDegree(int n, std::vector<std::uint8_t> present) : n_(n), present_(std::move(present)) {
        for (int row = 0; row < n; ++row) {
            at_.push_back(row);
            position_.push_back(row);
            int count = 0;
            for (int col = 0; col < n; ++col) count += present_[index(row, col)];
            count_.push_back(count);
            enqueue(row);
        }
        for (int step = 0; step < n; ++step) pivot(step);
    }

    // The equation eliminated at each step (diag[step]->row).
    const std::vector<int>& order() const { return at_; }
    // The structure with fill-in.
    bool present(int row, int col) const { return present_[index(row, col)] != 0; }

    // Rows after `step` in the order with an element in the pivot's column (r_down from
    // diag[step]), and columns after it with an element in the pivot's row (c_right), each in
    // elimination order.
    std::vector<int> below(int step) const { return later(step, true); }
    std::vector<int> right(int step) const { return later(step, false); }

private:
    std::size_t index(int row, int col) const { return static_cast<std::size_t>(row) * n_ + col; }

    std::vector<int> later(int step, bool rows) const {
        int pivot = at_[static_cast<std::size_t>(step)];
        std::vector<int> out;
        for (auto other = at_.begin() + step + 1; other != at_.end(); ++other)
            if (rows ? present(*other, pivot) : present(pivot, *other)) out.push_back(*other);
        return out;
    }

    void enqueue(int row) {
        auto as_many = [&](int other) { return count_[other] >= count_[row]; };
        queue_.insert(std::find_if(queue_.begin(), queue_.end(), as_many), row);
    }
    void dequeue(int row) { queue_.erase(std::find(queue_.begin(), queue_.end(), row)); }
    void recount(int row, int change) {  // increase_order, reduce_order
        dequeue(row);
        count_[row] += change;
        enqueue(row);
    }

    void pivot(int step) {
        int row = queue_.front();
        for (int p = position_[row]; p > step; --p) {
            at_[p] = at_[p - 1];
            position_[at_[p]] = p;
        }
        at_[step] = row;
        position_[row] = step;
        for (int below = step + 1; below < n_; ++below) {
            int other = at_[below];
            if (!present(other, row)) continue;
            for (int right = step + 1; right < n_; ++right) {
                int col = at_[right];
                if (!present(row, col) || present(other, col)) continue;
                present_[index(other, col)] = 1;
                recount(other, +1);
            }
            recount(other, -1);
        }
        dequeue(row);
    }

    int n_;
    std::vector<std::uint8_t> present_;
    std::vector<int> at_;        // position -> equation
    std::vector<int> position_;  // equation -> position (varord)
    std::vector<int> count_;     // elements per row (norder)
    std::vector<int> queue_;     // orderlist
};

}  // namespace cornu::kernel_support
