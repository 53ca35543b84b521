#include "cli/flags.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "tfpersist/base/closest_names.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist::cli {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

Flags::Flags(std::string command, std::string synopsis, std::string description)
    : command_(std::move(command)),
      synopsis_(std::move(synopsis)),
      description_(std::move(description)) {}

void Flags::String(const std::string& name, std::string* value,
                   std::string help) {
  flags_.push_back(
      {name, Type::kString, value, std::move(help), "\"" + *value + "\""});
}

void Flags::Bool(const std::string& name, bool* value, std::string help) {
  flags_.push_back(
      {name, Type::kBool, value, std::move(help), *value ? "true" : "false"});
}

void Flags::Int64(const std::string& name, int64_t* value, std::string help,
                  int64_t min, int64_t max) {
  flags_.push_back({name, Type::kInt64, value, std::move(help),
                    std::to_string(*value), min, max});
}

void Flags::Repeated(const std::string& name, std::vector<std::string>* values,
                     std::string help) {
  flags_.push_back(
      {name, Type::kRepeated, values, std::move(help), "none; repeatable"});
}

Flags::Flag* Flags::Find(const std::string& name) {
  for (Flag& f : flags_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Status Flags::Set(Flag& flag, const std::string& text) {
  switch (flag.type) {
    case Type::kString:
      *static_cast<std::string*>(flag.value) = text;
      return OkStatus();
    case Type::kBool: {
      const std::string v = Lower(text);
      if (v != "true" && v != "false" && v != "1" && v != "0") {
        return errors::InvalidArgument(
            "flag --", flag.name, " takes true or false, not '", text, "'");
      }
      *static_cast<bool*>(flag.value) = v == "true" || v == "1";
      return OkStatus();
    }
    case Type::kRepeated:
      static_cast<std::vector<std::string>*>(flag.value)->push_back(text);
      return OkStatus();
    case Type::kInt64: {
      int64_t v = 0;
      auto [end, ec] =
          std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || end != text.data() + text.size()) {
        return errors::InvalidArgument("flag --", flag.name,
                                       " takes an integer, not '", text, "'");
      }
      if (v < flag.min || v > flag.max) {
        return errors::InvalidArgument(
            "flag --", flag.name, " must be ",
            flag.max == INT64_MAX ? StrCat(">= ", flag.min)
                                  : StrCat("in [", flag.min, ", ", flag.max, "]"),
            ", not ", v);
      }
      *static_cast<int64_t*>(flag.value) = v;
      return OkStatus();
    }
  }
  return OkStatus();
}

Status Flags::Parse(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      positional_.insert(positional_.end(), args.begin() + i + 1, args.end());
      break;
    }
    if (arg == "--help" || arg == "-h") {
      help_ = true;
      continue;
    }
    if (arg.empty() || arg[0] != '-') {
      positional_.push_back(arg);
      continue;
    }
    if (arg.size() < 3 || arg[1] != '-') {
      return errors::InvalidArgument("unknown flag '", arg,
                                     "'; flags look like --name=value");
    }
    const size_t eq = arg.find('=');
    const std::string name =
        arg.substr(2, eq == std::string::npos ? eq : eq - 2);
    Flag* flag = Find(name);
    if (flag == nullptr) {
      std::vector<std::string> names;
      for (const Flag& f : flags_) names.push_back("--" + f.name);
      return errors::InvalidArgument(
          "unknown flag --", name, ".",
          ClosestNamesSuffix("--" + name, names, "flags"));
    }
    if (eq != std::string::npos) {
      TFP_RETURN_IF_ERROR(Set(*flag, arg.substr(eq + 1)));
    } else if (flag->type == Type::kBool) {
      *static_cast<bool*>(flag->value) = true;
    } else if (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) {
      TFP_RETURN_IF_ERROR(Set(*flag, args[++i]));
    } else {
      return errors::InvalidArgument("flag --", name, " needs a value");
    }
  }
  return OkStatus();
}

std::string Flags::Usage() const {
  std::string out = "usage: tfpersist " + command_ + " " + synopsis_ + "\n\n" +
                    description_ + "\n\nflags:\n";
  for (const Flag& f : flags_) {
    const char* value = f.type == Type::kBool    ? "[=true|false]"
                        : f.type == Type::kInt64 ? "=<int>"
                        : f.type == Type::kRepeated ? "=<string> ..."
                                                 : "=<string>";
    out += "  --" + f.name + value + "\n      " + f.help + " (default " +
           f.default_text + ")\n";
  }
  out += "  --help\n      Print this message and exit.\n";
  return out;
}

std::optional<int> ParseFlagsOrExit(Flags& flags,
                                    const std::vector<std::string>& args,
                                    CommandContext& ctx) {
  Status status = flags.Parse(args);
  if (!status.ok()) {
    ctx.err << flags.command() << ": " << status.message()
            << " (run 'tfpersist " << flags.command()
            << " --help' for usage)\n";
    return kExitUsage;
  }
  if (flags.help_requested()) {
    ctx.out << flags.Usage();
    return kExitOk;
  }
  return std::nullopt;
}

}  // namespace tfpersist::cli
