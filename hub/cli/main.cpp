// redgrid-hub: the reference server of docs/protocol.md and its admin command line.
#include <iostream>

#include "redgrid/hub/cli/hub_cli.h"

int main(int argc, char** argv) {
    return redgrid::hub::run_hub_cli(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
