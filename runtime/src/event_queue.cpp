#include "event_queue.hpp"

#include <algorithm>
#include <cmath>

namespace cornu::runtime {

namespace {
// Heap order for the std:: heap algorithms: the earliest entry at the front.
struct Later {
    template <class E>
    bool operator()(const E& a, const E& b) const {
        return b.time < a.time || (b.time == a.time && b.key < a.key);
    }
};
}  // namespace

EventQueue::EventQueue(bool canonical, double bucket_width)
    : canonical_(canonical), inverse_width_(1.0 / bucket_width), ring_(static_cast<std::size_t>(ring_size)) {}

void EventQueue::insert(const Event& event) {
    bool needs_slot = event.kind == EventKind::self || event.kind == EventKind::watch;
    insert_entry(make_entry(event, needs_slot ? allocate(event) : no_slot));
}

EventQueue::Handle EventQueue::insert_movable(const Event& event) {
    std::uint32_t slot = allocate(event);
    insert_entry(make_entry(event, slot));
    return {slot, slots_[slot].generation};
}

EventQueue::Entry EventQueue::make_entry(const Event& event, std::uint32_t slot) {
    Entry e{event.time, canonical_ ? event.order : next_sequence_++, 0, static_cast<std::uint32_t>(event.kind)};
    if (slot == no_slot) {
        e.payload = static_cast<std::uint32_t>(event.target);
    } else {
        Slot& s = slots_[slot];
        s.event = event;
        s.is_least = false;
        e.payload = slot;
        e.tag |= slot_bit | (++s.version << 3);  // any older entry of this event is now stale
    }
    return e;
}

// A new entry for an event already in the queue (it goes behind its equal-time peers).
EventQueue::Entry EventQueue::requeue(const Entry& e) {
    std::uint32_t slot = slot_of(e);
    Event event = slot == no_slot ? event_of(e) : slots_[slot].event;
    return make_entry(event, slot);
}

Event EventQueue::event_of(const Entry& e) const {
    if (has_slot(e)) return slots_[e.payload].event;
    Event event;
    event.time = e.time;
    event.kind = static_cast<EventKind>(e.tag & 3u);
    event.target = e.payload;
    event.order = e.key;
    return event;
}

void EventQueue::mark_least() {
    if (has_least_ && has_slot(least_)) slots_[least_.payload].is_least = true;
}

// NEURON's TQueue::insert: an event earlier than the least one takes its place, and the old least
// goes into the tree behind its equal-time peers.
void EventQueue::insert_entry(const Entry& entry) {
    ++inserted_;
    ++live_;
    if (canonical_) {
        store(entry);
    } else if (!has_least_) {
        least_ = entry;
        has_least_ = true;
    } else if (entry.time < least_.time) {
        store(requeue(least_));
        least_ = entry;
    } else {
        store(entry);
    }
    mark_least();
}

bool EventQueue::pop_until(double limit, Event& out) {
    Entry e;
    if (canonical_) {
        const Entry* first = store_first();
        if (!first || first->time > limit) return false;
        store_pop(e);
    } else {
        if (!has_least_ || least_.time > limit) return false;
        e = least_;
        has_least_ = store_pop(least_);
        mark_least();
    }
    out = event_of(e);
    consumed(e);
    return true;
}

// An entry left the queue: one event fewer, and a self-event's slot is free again.
void EventQueue::consumed(const Entry& e) {
    --live_;
    if (has_slot(e)) release(e.payload);
}

bool EventQueue::pending(Handle handle) const {
    return handle.slot < slots_.size() && slots_[handle.slot].queued && slots_[handle.slot].generation == handle.generation;
}

// NEURON's TQueue::move, with the least slot's special cases.
void EventQueue::move(Handle handle, double time) {
    if (!pending(handle)) return;
    std::uint32_t slot = handle.slot;
    Event event = slots_[slot].event;
    event.time = time;
    if (canonical_) {
        store(make_entry(event, slot));
        return;
    }
    if (slots_[slot].is_least) {
        slots_[slot].event.time = time;
        least_.time = time;
        const Entry* first = store_first();
        if (first && time > first->time) {
            Entry displaced = least_;
            store_pop(least_);
            store(requeue(displaced));
            mark_least();
        }
    } else if (time < least_.time) {
        store(requeue(least_));
        least_ = make_entry(event, slot);
        mark_least();
    } else {
        store(make_entry(event, slot));
    }
}

void EventQueue::cancel(Handle handle) {
    if (!pending(handle)) return;
    std::uint32_t slot = handle.slot;
    if (!canonical_ && slots_[slot].is_least) {
        has_least_ = store_pop(least_);
        mark_least();
    }
    --live_;
    release(slot);  // entries in the store are stale now
}

void EventQueue::clear() {
    for (std::uint32_t s = 0; s < slots_.size(); ++s)
        if (slots_[s].queued) release(s);
    for (auto& b : ring_) b.clear();
    overflow_.clear();
    in_ring_ = 0;
    current_ = 0;
    current_is_heap_ = false;
    has_least_ = false;
    live_ = 0;
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
    slots_[slot].event = event;
    slots_[slot].queued = true;
    slots_[slot].is_least = false;
    return slot;
}

void EventQueue::release(std::uint32_t slot) {
    Slot& s = slots_[slot];
    s.queued = false;
    s.is_least = false;
    ++s.generation;
    free_.push_back(slot);
}

// ---- the calendar ----

// floor(time / width) is monotonic in time, so a lower bucket never holds a later event.
std::int64_t EventQueue::bucket_of(double time) const {
    double b = std::floor(time * inverse_width_);
    if (!(b < 4e18)) return INT64_MAX / 2;
    if (b < -4e18) return INT64_MIN / 2;
    return static_cast<std::int64_t>(b);
}

void EventQueue::store(const Entry& e) {
    // An event before the current bucket (times are never earlier than what was delivered, but
    // be safe) joins the current bucket, whose heap orders it correctly.
    std::int64_t b = std::max(bucket_of(e.time), current_);
    if (b >= current_ + ring_size) {
        overflow_.push_back(e);
        std::push_heap(overflow_.begin(), overflow_.end(), Later{});
        return;
    }
    std::vector<Entry>& list = bucket(b);
    list.push_back(e);
    ++in_ring_;
    if (b == current_ && current_is_heap_) std::push_heap(list.begin(), list.end(), Later{});
}

// Moves `current_` to the earliest bucket that holds entries, refilling the ring from the
// overflow heap as the window moves; false when the calendar is empty.
bool EventQueue::advance_to_nonempty_bucket() {
    for (;;) {
        std::vector<Entry>& list = bucket(current_);
        if (!list.empty()) {
            if (!current_is_heap_) {
                std::make_heap(list.begin(), list.end(), Later{});
                current_is_heap_ = true;
            }
            return true;
        }
        if (in_ring_ == 0) {
            if (overflow_.empty()) return false;
            current_ = std::max(current_ + 1, bucket_of(overflow_.front().time));  // skip the empty stretch
        } else {
            ++current_;
        }
        current_is_heap_ = false;
        const std::int64_t end = current_ + ring_size;
        while (!overflow_.empty() && bucket_of(overflow_.front().time) < end) {
            Entry e = overflow_.front();
            std::pop_heap(overflow_.begin(), overflow_.end(), Later{});
            overflow_.pop_back();
            store(e);
        }
    }
}

const EventQueue::Entry* EventQueue::store_first() {
    while (advance_to_nonempty_bucket()) {
        std::vector<Entry>& list = bucket(current_);
        if (!stale(list.front())) return &list.front();
        std::pop_heap(list.begin(), list.end(), Later{});  // moved or cancelled: drop the copy
        list.pop_back();
        --in_ring_;
    }
    return nullptr;
}

bool EventQueue::store_pop(Entry& out) {
    const Entry* first = store_first();
    if (!first) return false;
    out = *first;
    std::vector<Entry>& list = bucket(current_);
    std::pop_heap(list.begin(), list.end(), Later{});
    list.pop_back();
    --in_ring_;
    return true;
}

}  // namespace cornu::runtime
