#include "tfpersist/tools/graph_dot.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <set>

#include "core/tensor_proto.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/path.h"

extern char** environ;

namespace tfpersist {
namespace {

using tensorflow::NodeDef;

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string NodeStyle(const NodeDef& n) {
  std::string label = StrCat(n.name(), "\n", n.op());
  std::string style = "shape=box, style=\"rounded\"";
  if (n.op() == "Placeholder" || n.op() == "PlaceholderWithDefault") {
    style = "shape=box, style=\"rounded,filled\", fillcolor=\"#c8e6c9\"";
  } else if (n.op() == "Const") {
    style = "shape=ellipse, style=filled, fillcolor=\"#eeeeee\"";
    auto v = n.attr().find("value");
    if (v != n.attr().end()) {
      auto shape =
          PartialTensorShapeFromProto(v->second.tensor().tensor_shape());
      if (shape.ok()) label += StrCat(" ", shape->DebugString());
    }
  } else if (n.op() == "VariableV2" || n.op() == "VarHandleOp") {
    style = "shape=box, style=\"rounded,filled\", fillcolor=\"#ffe0b2\"";
  }
  return StrCat(Quote(n.name()), " [label=", Quote(label), ", ", style, "];\n");
}

std::string DtypeOf(const NodeDef& n) {
  for (const char* key : {"T", "dtype"}) {
    auto it = n.attr().find(key);
    if (it != n.attr().end() &&
        it->second.value_case() == tensorflow::AttrValue::kType) {
      return DataTypeString(static_cast<DataType>(it->second.type()));
    }
  }
  return "";
}

}  // namespace

std::string GraphDefToDot(const tensorflow::GraphDef& g,
                          const std::string& graph_name) {
  std::map<std::string, const NodeDef*> by_name;
  for (const NodeDef& n : g.node()) by_name[n.name()] = &n;
  std::string out = StrCat("digraph ", Quote(graph_name), " {\n",
                           "  rankdir=TB;\n  node [fontsize=10];\n"
                           "  edge [fontsize=8];\n");
  for (const NodeDef& n : g.node()) out += "  " + NodeStyle(n);
  std::set<std::string> missing;
  for (const NodeDef& n : g.node()) {
    for (const std::string& in : n.input()) {
      const bool control = in.starts_with("^");
      std::string src = control ? in.substr(1) : in;
      std::string index;
      if (auto colon = src.find(':'); colon != std::string::npos) {
        index = src.substr(colon + 1);
        src = src.substr(0, colon);
      }
      auto it = by_name.find(src);
      if (it == by_name.end()) missing.insert(src);
      std::string label =
          control ? "" : (it == by_name.end() ? "" : DtypeOf(*it->second));
      if (!index.empty() && index != "0")
        label = StrCat(":", index, " ", label);
      out += StrCat("  ", Quote(src), " -> ", Quote(n.name()));
      if (control) {
        out += " [style=dashed]";
      } else if (!label.empty()) {
        out += StrCat(" [label=", Quote(label), "]");
      }
      out += ";\n";
    }
  }
  for (const std::string& m : missing) {
    out += StrCat("  ", Quote(m), " [label=", Quote(StrCat(m, "\n(missing)")),
                  ", color=red, fontcolor=red];\n");
  }
  return out + "}\n";
}

namespace {

// Runs argv[0] (looked up on PATH) and waits. Returns the wait status, or
// UNAVAILABLE when the program cannot be started.
StatusOr<int> Spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int err =
      posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
  if (err != 0) {
    return errors::Unavailable("'", args[0],
                               "' could not be started: ", std::strerror(err));
  }
  int wstatus = 0;
  if (waitpid(pid, &wstatus, 0) < 0) {
    return errors::Internal("waitpid for '", args[0],
                            "': ", std::strerror(errno));
  }
  if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 127) {
    return errors::Unavailable("'", args[0], "' was not found (exit 127)");
  }
  return wstatus;
}

}  // namespace

StatusOr<std::string> RenderDot(const std::string& dot_text,
                                const RenderDotOptions& options) {
  Env* env = Env::Default();
  const std::string dir =
      StrCat("/tmp/tfpersist_dot_", getpid(), "_", RandomU64());
  TFP_RETURN_IF_ERROR(env->RecursivelyCreateDir(dir));
  const std::string in = JoinPath(dir, "graph.dot");
  const std::string out = JoinPath(dir, StrCat("graph.", options.format));
  StatusOr<std::string> result = errors::Internal("dot did not run");
  Status written = WriteStringToFile(env, in, dot_text);
  StatusOr<int> wstatus =
      written.ok() ? Spawn({options.dot_binary, StrCat("-T", options.format),
                            "-o", out, in})
                   : StatusOr<int>(written);
  if (!wstatus.ok()) {
    result =
        errors::IsUnavailable(wstatus.status())
            ? errors::Unavailable(
                  "Graphviz 'dot' was not found (", wstatus.status().message(),
                  "); install graphviz for --format=svg, or use --format=dot")
            : wstatus.status();
  } else if (!WIFEXITED(*wstatus) || WEXITSTATUS(*wstatus) != 0) {
    result = errors::Internal("'", options.dot_binary, " -T", options.format,
                              "' failed (wait status ", *wstatus, ")");
  } else {
    result = ReadFileToString(env, out);
  }
  (void)env->DeleteFile(in);
  (void)env->DeleteFile(out);
  (void)env->DeleteDir(dir);
  return result;
}

}  // namespace tfpersist
