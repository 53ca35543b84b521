// `tfpersist <command> [flags]`: dispatches to the subcommands listed in
// cli/commands.def (see cli/command.h for how to add one).
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "tfpersist/base/closest_names.h"
#include "tfpersist/version.h"

namespace tfpersist::cli {

// Declares every command's Main.
#define TFP_CLI_COMMAND(name, summary)                        \
  namespace name {                                            \
  int Main(const std::vector<std::string>&, CommandContext&); \
  }
#include "cli/commands.def"
#undef TFP_CLI_COMMAND

namespace {

constexpr Command kCommands[] = {
#define TFP_CLI_COMMAND(name, summary) {#name, summary, &name::Main},
#include "cli/commands.def"
#undef TFP_CLI_COMMAND
};

void PrintToolUsage(std::ostream& os) {
  os << "usage: tfpersist <command> [--flag=value ...]\n\n"
        "Reads and writes TensorFlow checkpoints and graphs without "
        "TensorFlow.\n\ncommands:\n";
  size_t width = 0;
  for (const Command& c : kCommands) width = std::max(width, c.name.size());
  for (const Command& c : kCommands) {
    os << "  " << c.name << std::string(width - c.name.size() + 2, ' ')
       << c.summary << "\n";
  }
  os << "\nRun 'tfpersist <command> --help' for the flags of a command.\n";
}

}  // namespace

std::span<const Command> Commands() { return kCommands; }

bool IsCommand(std::string_view name) {
  for (const Command& c : kCommands) {
    if (c.name == name) return true;
  }
  return false;
}

int RunTool(const std::vector<std::string>& args, CommandContext& ctx) {
  if (args.empty()) {
    PrintToolUsage(ctx.err);
    return kExitUsage;
  }
  const std::string& name = args[0];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintToolUsage(ctx.out);
    return kExitOk;
  }
  if (name == "--version" || name == "version") {
    ctx.out << "tfpersist " << TFPERSIST_VERSION_STRING
            << " (TensorFlow file formats and ops of TF "
            << TFPERSIST_TF_COMPAT_VERSION_STRING << " and 2.x)\n";
    return kExitOk;
  }
  for (const Command& c : kCommands) {
    if (c.name == name) {
      return c.main(std::vector<std::string>(args.begin() + 1, args.end()),
                    ctx);
    }
  }
  std::vector<std::string> names;
  for (const Command& c : kCommands) names.emplace_back(c.name);
  ctx.err << "tfpersist: unknown command '" << name << "'."
          << ClosestNamesSuffix(name, names, "commands")
          << " Run 'tfpersist --help' for the list of commands.\n";
  return kExitUsage;
}

int ReportError(CommandContext& ctx, std::string_view command,
                const Status& status) {
  std::string message = status.ToString();
  for (char& c : message) {
    if (c == '\n') c = ' ';  // Errors are one line.
  }
  ctx.err << command << ": " << message << "\n";
  return kExitFailure;
}

}  // namespace tfpersist::cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  // Installed as symlinks (freeze_graph, inspect_checkpoint, ...), the tool
  // runs the command named by argv[0], as TensorFlow's own tools are named.
  std::string self = argc > 0 ? argv[0] : "tfpersist";
  self = self.substr(self.find_last_of('/') + 1);
  if (tfpersist::cli::IsCommand(self)) args.insert(args.begin(), self);
  tfpersist::cli::CommandContext ctx{std::cout, std::cerr,
                                     tfpersist::Env::Default()};
  const int code = tfpersist::cli::RunTool(args, ctx);
  std::cout.flush();
  return code;
}
