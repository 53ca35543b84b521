// TF_Status, TF_Buffer, TF_Version, TF_DataTypeSize, the legacy string
// encoding and the exported TF_TString wrappers.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

#include "c_api/c_api_internal.h"
#include "tfpersist/core/types.h"

namespace tfpersist::capi {

void Set(TF_Status* s, const Status& status) {
  if (s == nullptr) return;
  s->code = static_cast<TF_Code>(status.code());
  s->message.assign(status.message());
  s->payloads.clear();
}

void SetUnimplemented(TF_Status* s, const char* fn) {
  Set(s, Status(StatusCode::kUnimplemented,
                std::string(fn) + " is not implemented by tfpersist's C API"));
}

Status FillBuffer(const std::string& bytes, TF_Buffer* buf) {
  if (buf == nullptr) return errors::InvalidArgument("Output buffer is NULL");
  if (buf->data != nullptr || buf->length != 0) {
    return errors::InvalidArgument("Passing non-empty TF_Buffer is invalid.");
  }
  void* copy = std::malloc(bytes.size() == 0 ? 1 : bytes.size());
  if (copy == nullptr) {
    return errors::ResourceExhausted("cannot allocate ", bytes.size(),
                                     " bytes for a TF_Buffer");
  }
  if (!bytes.empty()) std::memcpy(copy, bytes.data(), bytes.size());
  buf->data = copy;
  buf->length = bytes.size();
  buf->data_deallocator = [](void* data, size_t) { std::free(data); };
  return OkStatus();
}

}  // namespace tfpersist::capi

using tfpersist::capi::Set;

extern "C" {

TF_Status* TF_NewStatus(void) { return new TF_Status; }

void TF_DeleteStatus(TF_Status* s) { delete s; }

void TF_SetStatus(TF_Status* s, TF_Code code, const char* msg) {
  if (s == nullptr) return;
  s->code = code;
  s->payloads.clear();
  if (code == TF_OK) {
    s->message.clear();
  } else {
    s->message = msg == nullptr ? "" : msg;
  }
}

void TF_SetPayload(TF_Status* s, const char* key, const char* value) {
  if (s == nullptr || s->code == TF_OK || key == nullptr) return;
  s->payloads.emplace_back(key, value == nullptr ? "" : value);
}

void TF_ForEachPayload(const TF_Status* s, TF_PayloadVisitor visitor,
                       void* capture) {
  if (s == nullptr || visitor == nullptr) return;
  for (const auto& [key, value] : s->payloads) {
    visitor(key.c_str(), value.c_str(), capture);
  }
}

void TF_SetStatusFromIOError(TF_Status* s, int error_code,
                             const char* context) {
  if (s == nullptr) return;
  TF_Code code = TF_UNKNOWN;
  switch (error_code) {
    case 0:
      TF_SetStatus(s, TF_OK, "");
      return;
    case ENOENT:
      code = TF_NOT_FOUND;
      break;
    case EEXIST:
      code = TF_ALREADY_EXISTS;
      break;
    case EACCES:
    case EPERM:
      code = TF_PERMISSION_DENIED;
      break;
    case EINVAL:
    case ENAMETOOLONG:
    case ENOTDIR:
    case EISDIR:
      code = TF_INVALID_ARGUMENT;
      break;
    case ENOSPC:
    case ENOMEM:
    case EMFILE:
      code = TF_RESOURCE_EXHAUSTED;
      break;
    default:
      break;
  }
  std::string msg = context == nullptr ? "" : context;
  msg += msg.empty() ? "" : "; ";
  msg += std::strerror(error_code);
  TF_SetStatus(s, code, msg.c_str());
}

TF_Code TF_GetCode(const TF_Status* s) {
  return s == nullptr ? TF_OK : s->code;
}

const char* TF_Message(const TF_Status* s) {
  if (s == nullptr || s->code == TF_OK) return "";
  return s->message.c_str();
}

TF_Buffer* TF_NewBuffer(void) { return new TF_Buffer{nullptr, 0, nullptr}; }

TF_Buffer* TF_NewBufferFromString(const void* proto, size_t proto_len) {
  TF_Buffer* buf = TF_NewBuffer();
  if (proto == nullptr && proto_len > 0) return buf;
  void* copy = std::malloc(proto_len == 0 ? 1 : proto_len);
  if (copy == nullptr) return buf;
  if (proto_len > 0) std::memcpy(copy, proto, proto_len);
  buf->data = copy;
  buf->length = proto_len;
  buf->data_deallocator = [](void* data, size_t) { std::free(data); };
  return buf;
}

void TF_DeleteBuffer(TF_Buffer* buffer) {
  if (buffer == nullptr) return;
  if (buffer->data_deallocator != nullptr) {
    buffer->data_deallocator(const_cast<void*>(buffer->data), buffer->length);
  }
  delete buffer;
}

TF_Buffer TF_GetBuffer(TF_Buffer* buffer) {
  if (buffer == nullptr) return TF_Buffer{nullptr, 0, nullptr};
  return *buffer;
}

const char* TF_Version(void) {
  // The TensorFlow C API release whose surface we provide, then ours.
  return "2.15.0-tfpersist";
}

size_t TF_DataTypeSize(TF_DataType dt) {
  const int value = static_cast<int>(dt);
  if (value <= 0 || value > tfpersist::kLastBaseDataType) return 0;
  const auto type = static_cast<tfpersist::DataType>(value);
  if (!tfpersist::DataTypeCanMemcpy(type)) return 0;
  return static_cast<size_t>(tfpersist::DataTypeSize(type));
}

// ---- Legacy TF 1.x string encoding: varint64(len) + bytes ----

size_t TF_StringEncodedSize(size_t len) {
  size_t n = 1;
  for (uint64_t v = len; v >= 0x80; v >>= 7) ++n;
  return n + len;
}

size_t TF_StringEncode(const char* src, size_t src_len, char* dst,
                       size_t dst_len, TF_Status* status) {
  const size_t need = TF_StringEncodedSize(src_len);
  if (need > dst_len || (dst == nullptr && need > 0) ||
      (src == nullptr && src_len > 0)) {
    Set(status, tfpersist::errors::InvalidArgument("dst_len (", dst_len,
                                                   ") too small to encode a ",
                                                   src_len, "-byte string"));
    return 0;
  }
  char* p = dst;
  for (uint64_t v = src_len;; v >>= 7) {
    if (v < 0x80) {
      *p++ = static_cast<char>(v);
      break;
    }
    *p++ = static_cast<char>((v & 0x7f) | 0x80);
  }
  if (src_len > 0) std::memcpy(p, src, src_len);
  TF_SetStatus(status, TF_OK, "");
  return need;
}

size_t TF_StringDecode(const char* src, size_t src_len, const char** dst,
                       size_t* dst_len, TF_Status* status) {
  uint64_t len = 0;
  size_t i = 0;
  bool done = false;
  for (int shift = 0; src != nullptr && i < src_len && shift <= 63;
       shift += 7) {
    const auto byte = static_cast<unsigned char>(src[i++]);
    len |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      done = true;
      break;
    }
  }
  if (!done || len > src_len - i) {
    Set(status, tfpersist::errors::InvalidArgument(
                    "src(", src_len,
                    " bytes) too short to decode a string (corrupt length)"));
    return 0;
  }
  if (dst != nullptr) *dst = src + i;
  if (dst_len != nullptr) *dst_len = static_cast<size_t>(len);
  TF_SetStatus(status, TF_OK, "");
  return i + static_cast<size_t>(len);
}

// ---- Exported TF_TString wrappers ----

void TF_StringInit(TF_TString* t) { TF_TString_Init(t); }
void TF_StringCopy(TF_TString* dst, const char* src, size_t size) {
  TF_TString_Copy(dst, src, size);
}
void TF_StringAssignView(TF_TString* dst, const char* src, size_t size) {
  TF_TString_AssignView(dst, src, size);
}
const char* TF_StringGetDataPointer(const TF_TString* tstr) {
  return TF_TString_GetDataPointer(tstr);
}
TF_TString_Type TF_StringGetType(const TF_TString* str) {
  return TF_TString_GetType(str);
}
size_t TF_StringGetSize(const TF_TString* tstr) {
  return TF_TString_GetSize(tstr);
}
size_t TF_StringGetCapacity(const TF_TString* str) {
  return TF_TString_GetCapacity(str);
}
void TF_StringDealloc(TF_TString* tstr) { TF_TString_Dealloc(tstr); }

}  // extern "C"
