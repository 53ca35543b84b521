// The `tfpersist` command-line tool: one subcommand per file.
//
// Adding a subcommand `foo`:
//  1. write cli/foo.cc defining
//       namespace tfpersist::cli::foo {
//       int Main(const std::vector<std::string>& args, CommandContext& ctx);
//       }
//     (args exclude the tool and command names; parse them with Flags,
//     cli/flags.h, and return one of the exit codes below);
//  2. add one line `TFP_CLI_COMMAND(foo, "one-line summary")` to
//     cli/commands.def.
// cli/CMakeLists.txt compiles every cli/*.cc into the `tfpersist` binary.
//
// Conventions: results go to ctx.out; errors are one line on ctx.err,
// "<command>: <STATUS_CODE>: <message>", with exit code kExitFailure;
// bad usage prints the error and a hint to ctx.err with kExitUsage.
#ifndef TFPERSIST_CLI_COMMAND_H_
#define TFPERSIST_CLI_COMMAND_H_

#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tfpersist/base/env.h"
#include "tfpersist/base/status.h"

namespace tfpersist::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Where a command reads and writes. Not owned.
struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  Env* env;
};

using CommandMain = int (*)(const std::vector<std::string>& args,
                            CommandContext& ctx);

struct Command {
  std::string_view name;
  std::string_view summary;
  CommandMain main;
};

// Every subcommand, in the order of cli/commands.def.
std::span<const Command> Commands();

// True if `name` is a subcommand (used to dispatch on argv[0]).
bool IsCommand(std::string_view name);

// Runs the tool on argv[1:]: dispatches to a subcommand or prints help.
int RunTool(const std::vector<std::string>& args, CommandContext& ctx);

// Prints "<command>: <status>" as one line to ctx.err; returns
// kExitFailure.
int ReportError(CommandContext& ctx, std::string_view command,
                const Status& status);

}  // namespace tfpersist::cli

#endif  // TFPERSIST_CLI_COMMAND_H_
