#include "event_queue.hpp"

#include <algorithm>

namespace cornu::runtime {

EventQueue::Handle EventQueue::insert(const Event& event) {
    std::uint32_t slot = allocate(event);
    ++inserted_;
    if (canonical_) {
        tree_insert(slot);
    } else if (least_ == none) {
        least_ = slot;
    } else if (event.time < slots_[least_].event.time) {
        tree_insert(least_);  // the displaced least goes behind its equal-time peers
        least_ = slot;
    } else {
        tree_insert(slot);
    }
    return {slot, slots_[slot].generation};
}

bool EventQueue::pop_until(double limit, Event& out) {
    if (canonical_) {
        const Entry* first = tree_first();
        if (!first || first->time > limit) return false;
        std::uint32_t slot;
        tree_pop(slot);
        out = slots_[slot].event;
        release(slot);
        return true;
    }
    if (least_ == none || slots_[least_].event.time > limit) return false;
    out = slots_[least_].event;
    release(least_);
    least_ = none;
    std::uint32_t next;
    if (tree_pop(next)) least_ = next;
    return true;
}

bool EventQueue::pending(Handle handle) const {
    return handle.slot < slots_.size() && slots_[handle.slot].in_use && slots_[handle.slot].generation == handle.generation;
}

void EventQueue::move(Handle handle, double time) {
    std::uint32_t slot = handle.slot;
    if (canonical_) {
        tree_remove(slot);
        slots_[slot].event.time = time;
        tree_insert(slot);
        return;
    }
    if (slot == least_) {
        slots_[slot].event.time = time;
        const Entry* first = tree_first();
        if (first && time > first->time) {
            std::uint32_t next;
            tree_pop(next);
            least_ = next;
            tree_insert(slot);
        }
    } else if (time < slots_[least_].event.time) {
        tree_remove(slot);
        slots_[slot].event.time = time;
        tree_insert(least_);
        least_ = slot;
    } else {
        tree_remove(slot);
        slots_[slot].event.time = time;
        tree_insert(slot);
    }
}

void EventQueue::cancel(Handle handle) {
    if (!pending(handle)) return;
    std::uint32_t slot = handle.slot;
    if (slot == least_) {
        least_ = none;
        std::uint32_t next;
        if (tree_pop(next)) least_ = next;
    } else {
        tree_remove(slot);
    }
    release(slot);
}

void EventQueue::clear() {
    for (std::uint32_t s = 0; s < slots_.size(); ++s)
        if (slots_[s].in_use) release(s);
    heap_.clear();
    least_ = none;
}

std::uint32_t EventQueue::allocate(const Event& event) {
    std::uint32_t slot;
    if (!free_.empty()) {
        slot = free_.back();
        free_.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    Slot& s = slots_[slot];
    s.event = event;
    s.sequence = 0;
    s.in_use = true;
    ++live_;
    return slot;
}

void EventQueue::release(std::uint32_t slot) {
    Slot& s = slots_[slot];
    s.in_use = false;
    s.sequence = 0;
    ++s.generation;
    free_.push_back(slot);
    --live_;
}

void EventQueue::tree_insert(std::uint32_t slot) {
    std::uint64_t sequence = next_sequence_++;
    slots_[slot].sequence = sequence;
    const Event& e = slots_[slot].event;
    if (canonical_) heap_.push_back({e.time, e.key1, e.key2, sequence, slot});
    else heap_.push_back({e.time, sequence, 0, sequence, slot});
    std::push_heap(heap_.begin(), heap_.end(), later);
}

const EventQueue::Entry* EventQueue::tree_first() {
    while (!heap_.empty()) {
        const Entry& top = heap_.front();
        if (slots_[top.slot].sequence == top.sequence) return &top;
        std::pop_heap(heap_.begin(), heap_.end(), later);  // stale: moved or delivered
        heap_.pop_back();
    }
    return nullptr;
}

bool EventQueue::tree_pop(std::uint32_t& slot) {
    const Entry* first = tree_first();
    if (!first) return false;
    slot = first->slot;
    std::pop_heap(heap_.begin(), heap_.end(), later);
    heap_.pop_back();
    slots_[slot].sequence = 0;
    return true;
}

}  // namespace cornu::runtime
