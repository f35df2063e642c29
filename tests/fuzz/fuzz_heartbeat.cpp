// The server's answer to a heartbeat: the commands a hostile or broken server can send.
#include "fuzz_support.h"

#include "redgrid/protocol/heartbeat.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace redgrid;
    const auto answer = protocol::parse_heartbeat_answer(fuzz::as_text(data, size));
    if (answer) {
        fuzz::require(answer->commands.size() + answer->malformed.size() <= 32, "commands are capped at 32");
        for (const auto& command : answer->commands)
            fuzz::require(protocol::is_known_command(command.type), "an unknown command type passed as well-formed");
        if (answer->heartbeat_interval) fuzz::require(answer->heartbeat_interval->count() > 0, "interval > 0");
    }
    return 0;
}
