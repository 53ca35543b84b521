// Table reading: footer -> index block -> data blocks, through a two-level
// iterator (index entries -> data block iterators).
#include "io/table/table.h"

#include "io/table/format.h"

namespace tfpersist::table {
namespace {

class EmptyIterator : public Iterator {
 public:
  explicit EmptyIterator(Status status) : status_(std::move(status)) {}
  bool Valid() const override { return false; }
  void SeekToFirst() override {}
  void Seek(std::string_view) override {}
  void Next() override {}
  std::string_view key() const override { return {}; }
  std::string_view value() const override { return {}; }
  Status status() const override { return status_; }

 private:
  Status status_;
};

// Walks the index block; for each index entry, loads the data block its
// value points at and walks that. Skips empty data blocks.
class TwoLevelIterator : public Iterator {
 public:
  TwoLevelIterator(const RandomAccessFile* file, uint64_t file_size,
                   std::unique_ptr<Iterator> index_iter)
      : file_(file),
        file_size_(file_size),
        index_iter_(std::move(index_iter)) {}

  bool Valid() const override { return data_iter_ && data_iter_->Valid(); }
  std::string_view key() const override { return data_iter_->key(); }
  std::string_view value() const override { return data_iter_->value(); }

  void SeekToFirst() override {
    index_iter_->SeekToFirst();
    InitDataBlock();
    if (data_iter_) data_iter_->SeekToFirst();
    SkipEmptyDataBlocksForward();
  }
  void Seek(std::string_view target) override {
    index_iter_->Seek(target);
    InitDataBlock();
    if (data_iter_) data_iter_->Seek(target);
    SkipEmptyDataBlocksForward();
  }
  void Next() override {
    data_iter_->Next();
    SkipEmptyDataBlocksForward();
  }

  Status status() const override {
    Status s = index_iter_->status();
    if (s.ok()) s = status_;
    if (s.ok() && data_iter_) s = data_iter_->status();
    return s.ok() ? s : s.WithContext(file_->name());
  }

 private:
  void InitDataBlock();
  void SkipEmptyDataBlocksForward() {
    while (status_.ok() && (!data_iter_ || !data_iter_->Valid())) {
      if (data_iter_ && !data_iter_->status().ok()) return;
      if (!index_iter_->Valid()) {
        ClearDataBlock();
        return;
      }
      index_iter_->Next();
      InitDataBlock();
      if (data_iter_) data_iter_->SeekToFirst();
    }
  }
  void ClearDataBlock() {
    data_iter_.reset();
    data_block_.reset();
  }

  const RandomAccessFile* file_;
  uint64_t file_size_;
  std::unique_ptr<Iterator> index_iter_;
  std::unique_ptr<Block> data_block_;
  std::unique_ptr<Iterator> data_iter_;  // Iterates over data_block_
  BlockHandle data_handle_;              // Handle of data_block_
  Status status_;                        // Errors loading data blocks
};

void TwoLevelIterator::InitDataBlock() {
  if (!index_iter_->Valid()) {
    ClearDataBlock();
    return;
  }
  std::string_view encoded = index_iter_->value();
  BlockHandle handle;
  Status s = handle.DecodeFrom(&encoded);
  if (s.ok() && data_iter_ != nullptr && handle == data_handle_) return;
  ClearDataBlock();
  StatusOr<std::string> contents =
      s.ok() ? ReadBlock(*file_, file_size_, handle) : StatusOr<std::string>(s);
  StatusOr<std::unique_ptr<Block>> block =
      contents.ok() ? Block::Create(std::move(contents).value())
                    : StatusOr<std::unique_ptr<Block>>(contents.status());
  if (!block.ok()) {
    status_ = block.status().WithContext("data block");
    return;
  }
  data_block_ = std::move(block).value();
  data_iter_ = data_block_->NewIterator();
  data_handle_ = handle;
}

}  // namespace

std::unique_ptr<Iterator> NewErrorIterator(Status status) {
  return std::make_unique<EmptyIterator>(std::move(status));
}

StatusOr<std::unique_ptr<Table>> Table::Open(const RandomAccessFile* file,
                                             uint64_t file_size) {
  const std::string& name = file->name();
  if (file_size < Footer::kEncodedLength) {
    return errors::DataLoss(name, ": file of ", file_size,
                            " bytes is too short to be a table");
  }
  char footer_space[Footer::kEncodedLength];
  std::string_view footer_input;
  Status s = file->Read(file_size - Footer::kEncodedLength,
                        Footer::kEncodedLength, &footer_input, footer_space);
  if (footer_input.size() != Footer::kEncodedLength) {
    if (s.ok() || errors::IsOutOfRange(s)) {
      s = errors::DataLoss("truncated footer read");
    }
    return s.WithContext(name);
  }
  Footer footer;
  TFP_RETURN_IF_ERROR_CTX(footer.DecodeFrom(footer_input), name);
  StatusOr<std::string> contents =
      ReadBlock(*file, file_size, footer.index_handle());
  TFP_RETURN_IF_ERROR_CTX(contents.status(), name, ": index block");
  StatusOr<std::unique_ptr<Block>> index =
      Block::Create(std::move(contents).value());
  TFP_RETURN_IF_ERROR_CTX(index.status(), name, ": index block");
  return std::unique_ptr<Table>(
      new Table(file, file_size, std::move(index).value()));
}

std::unique_ptr<Iterator> Table::NewIterator() const {
  return std::make_unique<TwoLevelIterator>(file_, file_size_,
                                            index_block_->NewIterator());
}

}  // namespace tfpersist::table
