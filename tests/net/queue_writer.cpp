// Test helper for the kill -9 test: enqueues events into the queue at argv[1] as fast as
// it can and prints each event's id on stdout only once enqueue() reported it on disk.
// The test kills it at random moments; every printed id must survive.

#include <unistd.h>

#include <cstdio>
#include <string>

#include "redgrid/net/event_queue.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: queue_writer QUEUE_FILE [MAX_EVENTS]\n");
        return 2;
    }
    const long max_events = argc > 2 ? std::stol(argv[2]) : -1;
    auto queue = redgrid::net::EventQueue::open(argv[1]);
    if (!queue) {
        std::fprintf(stderr, "queue_writer: %s\n", queue.error().message.c_str());
        return 1;
    }
    using redgrid::net::EventKind;
    const EventKind kinds[] = {EventKind::call, EventKind::rating, EventKind::page_view, EventKind::request,
                               EventKind::call_cancel, EventKind::touch};
    for (long n = 0; max_events < 0 || n < max_events; ++n) {
        const auto event =
            queue->enqueue(kinds[n % 6], R"({"writer":)" + std::to_string(::getpid()) + R"(,"n":)" + std::to_string(n) + "}");
        if (!event || event->stored != redgrid::net::Stored::on_disk) {
            std::fprintf(stderr, "queue_writer: event %ld not on disk\n", n);
            return 1;
        }
        // One write() per line: a kill can cut the program between lines, never inside one.
        const std::string line = event->id + "\n";
        if (::write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return 1;
    }
    return 0;
}
