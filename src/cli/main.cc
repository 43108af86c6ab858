// The `verity` executable: parses arguments and dispatches (see cli/command.h).
#include <iostream>

#include "cli/command.h"

int main(int argc, char** argv) { return verity::cli::RunCli(argc, argv, {std::cout, std::cerr}); }
