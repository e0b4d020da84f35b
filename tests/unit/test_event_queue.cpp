// The event queue delivers events of equal time in NEURON's order, including the displacement of
// the separately held least event (tests/reference/README.md, "Event queue").
#include "event_queue.hpp"

#include <catch2/catch.hpp>

#include <string>

using cornu::runtime::Event;
using cornu::runtime::EventQueue;

namespace {

Event at(double time, long id) {
    Event e;
    e.time = time;
    e.target = id;
    return e;
}

std::string drain(EventQueue& queue, double limit) {
    std::string order;
    Event e;
    while (queue.pop_until(limit, e)) order += std::to_string(e.target);
    return order;
}

}  // namespace

TEST_CASE("events leave in time order and equal times in insertion order", "[events]") {
    EventQueue q;
    q.insert(at(2.0, 1));
    q.insert(at(1.0, 2));
    q.insert(at(3.0, 3));
    q.insert(at(2.0, 4));
    q.insert(at(2.0, 5));
    CHECK(drain(q, 10) == "21453");
    CHECK(q.size() == 0);
}

TEST_CASE("a least event displaced by an earlier one goes behind its equal-time peers", "[events]") {
    // NEURON's event_order case, logC: 9 (queued first, at 1.5) is the least item; 1 and 2 at 1.5
    // go into the tree; 8 arrives at 1.5 too; an event at 1.0 displaces 9 into the tree behind them.
    EventQueue q;
    q.insert(at(1.5, 9));
    q.insert(at(1.5, 1));
    q.insert(at(1.5, 2));
    q.insert(at(1.0, 7));
    q.insert(at(1.5, 8));
    CHECK(drain(q, 10) == "71298");
}

TEST_CASE("pop_until stops at the limit and keeps later events", "[events]") {
    EventQueue q;
    q.insert(at(0.5, 1));
    q.insert(at(0.5125, 2));
    q.insert(at(1.0, 3));
    CHECK(drain(q, 0.5125) == "12");
    CHECK(q.size() == 1);
    CHECK(drain(q, 0.99) == "");
    CHECK(drain(q, 1.0) == "3");
}

TEST_CASE("move reschedules a queued event as NEURON's TQueue::move", "[events]") {
    SECTION("the least event moved behind later ones") {
        EventQueue q;
        auto h = q.insert_movable(at(1.0, 1));
        q.insert(at(2.0, 2));
        q.insert(at(3.0, 3));
        q.move(h, 2.5);
        CHECK(drain(q, 10) == "213");
    }
    SECTION("a tree event moved before the least one becomes the least") {
        EventQueue q;
        q.insert(at(1.0, 1));
        auto h = q.insert_movable(at(3.0, 3));
        q.move(h, 0.5);
        CHECK(drain(q, 10) == "31");
    }
    SECTION("a tree event moved within the tree") {
        EventQueue q;
        q.insert(at(1.0, 1));
        auto h = q.insert_movable(at(2.0, 2));
        q.insert(at(3.0, 3));
        q.move(h, 4.0);
        CHECK(drain(q, 10) == "132");
    }
}

TEST_CASE("cancelled and delivered events are no longer pending", "[events]") {
    EventQueue q;
    auto a = q.insert_movable(at(1.0, 1));
    auto b = q.insert_movable(at(2.0, 2));
    auto c = q.insert_movable(at(3.0, 3));
    CHECK(q.pending(b));
    q.cancel(b);
    CHECK_FALSE(q.pending(b));
    q.cancel(a);  // the least
    CHECK(drain(q, 10) == "3");
    CHECK_FALSE(q.pending(c));
    // Slots are reused, but an old handle does not match the new event.
    auto d = q.insert_movable(at(4.0, 4));
    CHECK(q.pending(d));
    CHECK_FALSE(q.pending(c));
    q.clear();
    CHECK_FALSE(q.pending(d));
    CHECK(q.size() == 0);
}

TEST_CASE("a million events in random order come out sorted", "[events]") {
    EventQueue q;
    unsigned state = 12345;
    for (int i = 0; i < 1000000; ++i) {
        state = state * 1664525u + 1013904223u;
        q.insert(at((state >> 8) % 10000 * 0.025, i));
    }
    Event e;
    double last = -1;
    std::size_t count = 0;
    bool sorted = true;
    while (q.pop_until(1e9, e)) {
        sorted = sorted && e.time >= last;
        last = e.time;
        ++count;
    }
    CHECK(sorted);
    CHECK(count == 1000000);
}

TEST_CASE("events far in the future and long gaps keep their order", "[events]") {
    // Beyond the calendar's ring (4096 buckets of 0.05 ms) events wait in an overflow heap.
    for (bool canonical : {false, true}) {
        EventQueue q(canonical);
        auto put = [&](double time, long id) {
            Event e = at(time, id);
            e.order = static_cast<std::uint64_t>(id);  // canonical: ties by id
            q.insert(e);
        };
        put(1e6, 5);
        put(100.0, 3);
        put(0.05 * 4096 + 0.001, 4);
        put(1.0, 1);
        put(1e6, 6);
        put(150.0, 2);
        put(5000.0, 7);
        CHECK(drain(q, 1e7) == "1324756");
    }
}

TEST_CASE("the canonical order ignores insertion order", "[events]") {
    EventQueue q(true);
    Event late_source = at(2.0, 2);
    late_source.order = cornu::runtime::canonical_netcon_order(7, 1);
    Event early_source = at(2.0, 1);
    early_source.order = cornu::runtime::canonical_netcon_order(3, 9);
    Event self = at(2.0, 3);
    self.order = cornu::runtime::canonical_self_order(0);
    q.insert(self);
    q.insert(late_source);
    q.insert(early_source);
    CHECK(drain(q, 10) == "123");
}
