#include <iostream>

#include "cli/run.h"

int main(int argc, char** argv) {
  return drift::cli::Run(std::vector<std::string>(argv, argv + argc),
                         drift::cli::ProcessEnvironment(), std::cout, std::cerr);
}
