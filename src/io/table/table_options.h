// Options of a table (TF's table::Options without the block cache).
#ifndef TFPERSIST_IO_TABLE_TABLE_OPTIONS_H_
#define TFPERSIST_IO_TABLE_TABLE_OPTIONS_H_

#include <cstddef>

#include "io/table/format.h"

namespace tfpersist::table {

struct TableOptions {
  // Approximate size of the uncompressed data in a data block. TF: 256 KiB.
  size_t block_size = 262144;
  // Entries between restart points of data blocks (index blocks always
  // use 1). TF: 16.
  int block_restart_interval = 16;
  // Tensor bundles never compress; kSnappyCompression keeps a block
  // compressed only when that saves more than 12.5%.
  CompressionType compression = kNoCompression;
};

}  // namespace tfpersist::table

#endif  // TFPERSIST_IO_TABLE_TABLE_OPTIONS_H_
