#include "io/xlsx_package.hpp"

#include <zip.h>

namespace kam::io {
namespace {

struct ArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

class ZipPackage final : public Package {
 public:
  ZipPackage(std::string bytes, std::unique_ptr<zip_t, ArchiveCloser> archive)
      : bytes_(std::move(bytes)), archive_(std::move(archive)) {}

  Result<std::optional<std::string>> read(std::string_view path,
                                          uint64_t max_bytes) const override {
    const std::string name(path);
    const zip_int64_t index = zip_name_locate(archive_.get(), name.c_str(), 0);
    if (index < 0) return std::optional<std::string>();
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
      return Error::invalid("file", name + " in the workbook cannot be read");
    }
    if ((stat.valid & ZIP_STAT_SIZE) && stat.size > max_bytes) return too_large(name, max_bytes);
    std::unique_ptr<zip_file_t, FileCloser> file(
        zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) {
      return Error::invalid(
          "file", name + " in the workbook cannot be opened: " + zip_strerror(archive_.get()));
    }
    // The stored size may lie; read in chunks and stop at the limit whatever it says.
    std::string out;
    char buffer[64 * 1024];
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) {
        return Error::invalid(
            "file", name + " in the workbook is damaged: " + zip_file_strerror(file.get()));
      }
      if (n == 0) break;
      if (out.size() + static_cast<uint64_t>(n) > max_bytes) return too_large(name, max_bytes);
      out.append(buffer, static_cast<size_t>(n));
    }
    return std::optional(std::move(out));
  }

 private:
  static Error too_large(const std::string& name, uint64_t max_bytes) {
    return Error::invalid("file", name + " in the workbook is larger than " +
                                      std::to_string(max_bytes >> 20) + " MiB");
  }

  std::string bytes_;  // libzip reads from these without copying
  std::unique_ptr<zip_t, ArchiveCloser> archive_;
};

class MemoryPackage final : public Package {
 public:
  explicit MemoryPackage(std::map<std::string, std::string, std::less<>> parts)
      : parts_(std::move(parts)) {}

  Result<std::optional<std::string>> read(std::string_view path,
                                          uint64_t max_bytes) const override {
    const auto it = parts_.find(path);
    if (it == parts_.end()) return std::optional<std::string>();
    if (it->second.size() > max_bytes) {
      return Error::invalid("file", std::string(path) + " in the workbook is too large");
    }
    return std::optional(it->second);
  }

 private:
  std::map<std::string, std::string, std::less<>> parts_;
};

}  // namespace

Result<std::unique_ptr<Package>> open_zip_package(std::string bytes) {
  // The archive reads from the string's buffer, which moving the string into the package
  // keeps in place (no small-string optimisation at the sizes an archive has).
  if (bytes.size() < 22)
    return Error::invalid("file", "is not an XLSX workbook (not a ZIP archive)");
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return Error::internal("cannot create a ZIP source");
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive) {
    zip_source_free(source);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Error::invalid("file",
                          "is not an XLSX workbook (not a readable ZIP archive: " + reason + ")");
  }
  zip_error_fini(&error);
  return std::unique_ptr<Package>(
      new ZipPackage(std::move(bytes), std::unique_ptr<zip_t, ArchiveCloser>(archive)));
}

std::unique_ptr<Package> make_memory_package(
    std::map<std::string, std::string, std::less<>> parts) {
  return std::make_unique<MemoryPackage>(std::move(parts));
}

}  // namespace kam::io
