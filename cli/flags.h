// Flags: a tiny command-line flag parser for `tfpersist` subcommands.
//
//   std::string file_name;
//   bool all = false;
//   Flags flags("inspect_checkpoint", "--file_name=PREFIX [--all_tensors]",
//               "Prints the tensors of a checkpoint.");
//   flags.String("file_name", &file_name, "Checkpoint prefix or file");
//   flags.Bool("all_tensors", &all, "Print every tensor's value");
//   if (auto exit = ParseFlagsOrExit(flags, args, ctx)) return *exit;
//
// Accepted forms: --name=value, --name value (non-bool flags), --bool
// (true), --bool=true|false|1|0 (case-insensitive), --help / -h, and "--"
// to end flags. Anything else starting with '-' is an error; other words
// are positional arguments.
// Thread-safety: not thread-safe; bound variables must outlive the Flags.
#ifndef TFPERSIST_CLI_FLAGS_H_
#define TFPERSIST_CLI_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "tfpersist/base/status.h"

namespace tfpersist::cli {

class Flags {
 public:
  // command: "inspect_checkpoint"; synopsis: the flags part of the usage
  // line; description: a paragraph printed under it by --help.
  Flags(std::string command, std::string synopsis, std::string description);

  // Binds a flag to *value, whose current content is the default.
  void String(const std::string& name, std::string* value, std::string help);
  void Bool(const std::string& name, bool* value, std::string help);
  // A flag that may repeat (--input a --input=b); each value is appended.
  void Repeated(const std::string& name, std::vector<std::string>* values,
                std::string help);
  // An integer flag; values outside [min, max] are rejected by Parse.
  void Int64(const std::string& name, int64_t* value, std::string help,
             int64_t min = INT64_MIN, int64_t max = INT64_MAX);

  // Parses args (without the tool and command names) into the bound
  // variables. INVALID_ARGUMENT naming the flag for an unknown flag, a
  // missing value, or a value that does not parse.
  Status Parse(const std::vector<std::string>& args);

  bool help_requested() const { return help_; }
  const std::vector<std::string>& positional() const { return positional_; }
  const std::string& command() const { return command_; }

  // "usage: tfpersist <command> <synopsis>\n\n<description>\n\nflags:\n..."
  std::string Usage() const;

 private:
  enum class Type { kString, kBool, kInt64, kRepeated };
  struct Flag {
    std::string name;
    Type type;
    void* value;
    std::string help;
    std::string default_text;
    int64_t min = INT64_MIN;
    int64_t max = INT64_MAX;
  };
  Flag* Find(const std::string& name);
  Status Set(Flag& flag, const std::string& text);

  std::string command_, synopsis_, description_;
  std::vector<Flag> flags_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

// Parses; on --help prints Usage() to ctx.out and returns kExitOk; on an
// error prints "<command>: <error> (run ... --help ...)" as one line to
// ctx.err and returns kExitUsage; otherwise returns nullopt (go on).
std::optional<int> ParseFlagsOrExit(Flags& flags,
                                    const std::vector<std::string>& args,
                                    CommandContext& ctx);

}  // namespace tfpersist::cli

#endif  // TFPERSIST_CLI_FLAGS_H_
