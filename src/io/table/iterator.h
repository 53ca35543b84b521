// Iterator over the sorted (key, value) pairs of a block or a table
// (cf. leveldb include/leveldb/iterator.h, forward-only).
//
// Thread-safety: an iterator is used by one thread at a time; distinct
// iterators over the same Table may be used concurrently.
#ifndef TFPERSIST_IO_TABLE_ITERATOR_H_
#define TFPERSIST_IO_TABLE_ITERATOR_H_

#include <memory>
#include <string_view>

#include "tfpersist/base/status.h"

namespace tfpersist::table {

class Iterator {
 public:
  Iterator() = default;
  Iterator(const Iterator&) = delete;
  Iterator& operator=(const Iterator&) = delete;
  virtual ~Iterator() = default;

  // True iff positioned at an entry. False after running off the end and
  // after an error (then status() says why).
  virtual bool Valid() const = 0;
  // Positions at the first entry (if any).
  virtual void SeekToFirst() = 0;
  // Positions at the first entry whose key is >= target (bytewise).
  virtual void Seek(std::string_view target) = 0;
  // REQUIRES: Valid().
  virtual void Next() = 0;
  // REQUIRES: Valid(). The views stay valid until the iterator moves.
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  // The first error met (DATA_LOSS for corrupt contents), else OK.
  virtual Status status() const = 0;
};

// An iterator with no entries and the given status.
std::unique_ptr<Iterator> NewErrorIterator(Status status);

}  // namespace tfpersist::table

#endif  // TFPERSIST_IO_TABLE_ITERATOR_H_
