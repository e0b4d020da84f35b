// The event queue, with NEURON 8.2's delivery order for events of equal time
// (tests/reference/README.md, "Event queue"): NEURON keeps the earliest event in a separate
// "least" slot and the rest in a splay tree that puts an event behind every event of equal time
// already there. So equal-time events leave in insertion order, except that a least event that
// an earlier insert displaces re-enters the tree behind the equal-time events already in it.
//
// Here the tree is a calendar of time buckets ordered by (time, insertion sequence), which gives
// the same order: a ring of buckets of a fixed width, each an unsorted list until it becomes the
// earliest one and is made a small heap; events beyond the ring wait in a heap of their own.
// Events are mostly a few milliseconds ahead, so inserting is an append and taking the earliest
// works on a small heap, where one big heap over 10^5 pending events spends its time waiting for
// memory. NetCon events, the bulk, are stored in the buckets themselves as 24-byte entries (the
// pending events are the working set, so their size is what costs); self-events keep their
// payload in a side slot, and a moved or cancelled one leaves a stale entry behind that is
// skipped when it surfaces.
//
// In canonical mode there is no least slot and equal times are ordered by the event's own key
// (Event::order), which the simulator derives from global numbers, so the order does not depend
// on when an event was inserted (a spike from another rank arrives later than a local one).
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
    std::uint64_t order = 0;    // canonical order of equal-time events
};

// Canonical keys: NetCon events by (source, NetCon) (each below 2^31 and 2^32), then
// self-events in the order they were sent.
inline std::uint64_t canonical_netcon_order(std::uint64_t source, std::uint64_t netcon) {
    return (source << 32) | (netcon & 0xffffffffu);
}
inline std::uint64_t canonical_self_order(std::uint64_t sequence) { return (std::uint64_t{1} << 63) | sequence; }

class EventQueue {
public:
    // `bucket_width`: the calendar's resolution (ms); any positive value gives the same order.
    explicit EventQueue(bool canonical = false, double bucket_width = 0.05);

    // Identifies a movable event; valid until the event is delivered, cancelled or the queue cleared.
    struct Handle {
        std::uint32_t slot = UINT32_MAX;
        std::uint32_t generation = 0;
    };

    void insert(const Event& event);
    Handle insert_movable(const Event& event);
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
    static constexpr std::uint32_t no_slot = UINT32_MAX;

    // NetCon and source events carry their target here; self-events point to their slot.
    struct Entry {
        double time;
        std::uint64_t key;       // insertion sequence, or the event's canonical order
        std::uint32_t payload;   // NetCon/source index, or slot
        std::uint32_t tag;       // kind (bits 0-1), payload is a slot (bit 2), the slot's version (3-31)
    };
    struct Slot {  // a self-event's payload and bookkeeping
        Event event;                   // its current value (moves change the time)
        std::uint32_t generation = 0;  // counts reuses of the slot (for handles)
        std::uint32_t version = 0;     // counts entries placed (older entries are stale)
        bool queued = false;
        bool is_least = false;
    };

    static constexpr std::uint32_t slot_bit = 4;
    static bool has_slot(const Entry& e) { return (e.tag & slot_bit) != 0; }
    Entry make_entry(const Event& event, std::uint32_t slot);
    Entry requeue(const Entry& e);
    Event event_of(const Entry& e) const;
    std::uint32_t slot_of(const Entry& e) const { return has_slot(e) ? e.payload : no_slot; }
    void mark_least();

    void insert_entry(const Entry& entry);
    std::uint32_t allocate(const Event& event);
    void release(std::uint32_t slot);
    bool stale(const Entry& e) const {
        return has_slot(e) && (!slots_[e.payload].queued || (slots_[e.payload].version << 3) != (e.tag & ~7u));
    }
    void consumed(const Entry& e);

    // The ordered store behind the least slot (all of the queue in canonical mode).
    void store(const Entry& e);
    bool store_pop(Entry& out);
    const Entry* store_first();
    std::int64_t bucket_of(double time) const;
    bool advance_to_nonempty_bucket();
    std::vector<Entry>& bucket(std::int64_t b) { return ring_[static_cast<std::size_t>(b % ring_size)]; }

    static constexpr std::int64_t ring_size = 4096;
    bool canonical_ = false;
    double inverse_width_;
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> free_;
    bool has_least_ = false;
    Entry least_{};
    std::vector<std::vector<Entry>> ring_;  // bucket b lives at ring_[b % ring_size]
    std::int64_t current_ = 0;              // the earliest bucket that may hold entries
    bool current_is_heap_ = false;          // bucket(current_) has been made a heap
    std::size_t in_ring_ = 0;               // entries (stale ones included) in the ring
    std::vector<Entry> overflow_;           // a heap of entries beyond the ring
    std::uint64_t next_sequence_ = 0;
    std::size_t live_ = 0;
    std::uint64_t inserted_ = 0;
};

}  // namespace cornu::runtime
