#pragma once

// The parts of a ZIP archive by name, and an archive made from parts: how tests read what a
// workbook holds and build damaged ones. Needs libzip.

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <map>
#include <string>

namespace kam::testing {

using ZipParts = std::map<std::string, std::string, std::less<>>;

inline ZipParts unzip_parts(const std::string& bytes) {
  ZipParts parts;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  EXPECT_NE(archive, nullptr) << "not a ZIP archive";
  for (zip_int64_t i = 0; archive && i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    std::string content(stat.size, '\0');
    zip_fread(file, content.data(), content.size());
    zip_fclose(file);
    parts[stat.name] = std::move(content);
  }
  if (archive) zip_discard(archive);
  zip_error_fini(&error);
  return parts;
}

inline std::string zip_parts(const ZipParts& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(source);
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : parts) {
    zip_source_t* part = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_file_add(archive, name.c_str(), part, ZIP_FL_OVERWRITE);
  }
  zip_close(archive);
  zip_source_open(source);
  zip_source_seek(source, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(source);
  zip_source_seek(source, 0, SEEK_SET);
  std::string bytes(static_cast<size_t>(size), '\0');
  zip_source_read(source, bytes.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(source);
  zip_source_free(source);
  zip_error_fini(&error);
  return bytes;
}

}  // namespace kam::testing
