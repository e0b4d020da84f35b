// The event queue, with NEURON 8.2's delivery order for events of equal time
// (tests/reference/README.md, "Event queue"): NEURON keeps the earliest event in a separate
// "least" slot and the rest in a splay tree that puts an event behind every event of equal time
// already there. So equal-time events leave in insertion order, except that a least event that
// an earlier insert displaces re-enters the tree behind the equal-time events already in it.
//
// Here the tree is a binary heap ordered by (time, insertion sequence), which gives the same
// order; removal (for net_move) marks the heap entry stale and is skipped when it surfaces.
//
// In canonical mode there is no least slot and equal times are ordered by the event's own keys
// (Event::key1, key2), which the simulator derives from global numbers, so the order does not
// depend on when an event was inserted (a spike from another rank arrives later than a local one).
#pragma once

#include <cstdint>
#include <vector>

namespace cornu::runtime {

enum class EventKind : std::uint8_t {
    netcon,  // deliver to one NetCon's target
    presyn,  // deliver to every NetCon of a source (NEURON's single event for > 2 equal delays)
    self,    // net_send from a mechanism instance
    watch,   // a WATCH condition became true
};

struct Event {
    double time = 0;
    EventKind kind = EventKind::netcon;
    std::int32_t group = 0;     // self/watch: mechanism group of the target instance
    std::int64_t target = 0;    // netcon index, presyn index, or instance
    double flag = 0;            // self/watch
    double* weights = nullptr;  // self: the weight vector passed along
    std::uint64_t key1 = 0, key2 = 0;  // canonical order of equal-time events
};

class EventQueue {
public:
    explicit EventQueue(bool canonical = false) : canonical_(canonical) {}

    // Identifies a queued event for move(); valid until the event is delivered or the queue cleared.
    struct Handle {
        std::uint32_t slot = 0;
        std::uint32_t generation = 0;
    };

    Handle insert(const Event& event);
    // Removes and returns the earliest event if its time is <= limit.
    bool pop_until(double limit, Event& out);
    // Whether `handle` still refers to a queued event.
    bool pending(Handle handle) const;
    // Gives a queued event a new time (NEURON's TQueue::move).
    void move(Handle handle, double time);
    // Removes a queued event without delivering it.
    void cancel(Handle handle);
    void clear();

    std::size_t size() const { return live_; }
    std::uint64_t inserted() const { return inserted_; }

private:
    struct Slot {
        Event event;
        std::uint64_t sequence = 0;  // the heap entry that is current for this slot (0: none)
        std::uint32_t generation = 0;
        bool in_use = false;
    };
    struct Entry {
        double time;
        std::uint64_t key1, key2;  // insertion sequence and 0, or the event's canonical keys
        std::uint64_t sequence;    // identifies the entry (stale when the slot moved on)
        std::uint32_t slot;
    };
    static bool later(const Entry& a, const Entry& b) {
        if (a.time != b.time) return a.time > b.time;
        if (a.key1 != b.key1) return a.key1 > b.key1;
        return a.key2 > b.key2;
    }

    std::uint32_t allocate(const Event& event);
    void release(std::uint32_t slot);
    void tree_insert(std::uint32_t slot);
    void tree_remove(std::uint32_t slot) { slots_[slot].sequence = 0; }  // its entry goes stale
    bool tree_pop(std::uint32_t& slot);
    const Entry* tree_first();

    static constexpr std::uint32_t none = UINT32_MAX;
    bool canonical_ = false;
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> free_;
    std::vector<Entry> heap_;
    std::uint32_t least_ = none;
    std::uint64_t next_sequence_ = 1;  // 0 marks "not in the tree"
    std::size_t live_ = 0;
    std::uint64_t inserted_ = 0;
};

}  // namespace cornu::runtime
