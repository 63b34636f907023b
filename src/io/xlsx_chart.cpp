#include "io/xlsx_chart.hpp"

#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <pugixml.hpp>
#include <sstream>
#include <vector>

namespace kam::io {
namespace {

// Axis ids only need to be unique within a chart; libxlsxwriter's are 5xxxxxxx.
constexpr const char* kLineCategoryAxis = "91000001";
constexpr const char* kLineValueAxis = "91000002";

void add_value(pugi::xml_node parent, const char* name, const char* value) {
  parent.append_child(name).append_attribute("val") = value;
}

void remove_children(pugi::xml_node node, const char* name) {
  while (pugi::xml_node c = node.child(name))
    node.remove_child(c);
}

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", value);
  return text;
}

// The rewrite of one chart part; false when it is not a two-series column chart.
bool combine(pugi::xml_document& doc, double cumulative_max) {
  pugi::xml_node plot = doc.child("c:chartSpace").child("c:chart").child("c:plotArea");
  pugi::xml_node bar = plot.child("c:barChart");
  if (!bar || plot.child("c:lineChart")) return false;
  pugi::xml_node series = bar.child("c:ser").next_sibling("c:ser");
  if (!series) return false;

  pugi::xml_node line = plot.insert_child_after("c:lineChart", bar);
  add_value(line, "c:grouping", "standard");
  add_value(line, "c:varyColors", "0");
  pugi::xml_node moved = line.append_move(series);
  // Elements of a bar series that a line series does not have (CT_LineSer).
  remove_children(moved, "c:invertIfNegative");
  remove_children(moved, "c:pictureOptions");
  remove_children(moved, "c:shape");
  pugi::xml_node marker = moved.insert_child_after("c:marker", moved.child("c:tx"));
  add_value(marker, "c:symbol", "circle");
  add_value(moved, "c:smooth", "0");
  add_value(line, "c:marker", "1");
  add_value(line, "c:axId", kLineCategoryAxis);
  add_value(line, "c:axId", kLineValueAxis);

  // The axes follow the chart types in the plot area, before its shape properties.
  pugi::xml_node last_axis;
  for (pugi::xml_node c = plot.first_child(); c; c = c.next_sibling()) {
    const std::string_view name = c.name();
    if (name.ends_with("Ax")) last_axis = c;
  }
  if (!last_axis) return false;
  // A hidden category axis for the line, which shares the columns' categories.
  pugi::xml_node category = plot.insert_child_after("c:catAx", last_axis);
  add_value(category, "c:axId", kLineCategoryAxis);
  add_value(category.append_child("c:scaling"), "c:orientation", "minMax");
  add_value(category, "c:delete", "1");
  add_value(category, "c:axPos", "b");
  add_value(category, "c:majorTickMark", "none");
  add_value(category, "c:minorTickMark", "none");
  add_value(category, "c:tickLblPos", "nextTo");
  add_value(category, "c:crossAx", kLineValueAxis);
  add_value(category, "c:crosses", "autoZero");
  add_value(category, "c:auto", "1");
  add_value(category, "c:lblAlgn", "ctr");
  add_value(category, "c:lblOffset", "100");
  add_value(category, "c:noMultiLvlLbl", "0");

  pugi::xml_node value = plot.insert_child_after("c:valAx", category);
  add_value(value, "c:axId", kLineValueAxis);
  pugi::xml_node scaling = value.append_child("c:scaling");
  add_value(scaling, "c:orientation", "minMax");
  add_value(scaling, "c:max", format_number(cumulative_max).c_str());
  add_value(scaling, "c:min", "0");
  add_value(value, "c:delete", "0");
  add_value(value, "c:axPos", "r");
  pugi::xml_node format = value.append_child("c:numFmt");
  format.append_attribute("formatCode") = "0%";
  format.append_attribute("sourceLinked") = "0";
  add_value(value, "c:majorTickMark", "out");
  add_value(value, "c:minorTickMark", "none");
  add_value(value, "c:tickLblPos", "nextTo");
  add_value(value, "c:crossAx", kLineCategoryAxis);
  add_value(value, "c:crosses", "max");  // on the right-hand side
  add_value(value, "c:crossBetween", "between");
  return true;
}

struct ArchiveDiscarder {
  void operator()(zip_t* z) const {
    if (z) zip_discard(z);
  }
};

}  // namespace

Status combine_pareto_charts(const std::string& path, const std::vector<double>& cumulative_max) {
  int error_code = 0;
  std::unique_ptr<zip_t, ArchiveDiscarder> archive(zip_open(path.c_str(), 0, &error_code));
  if (!archive) return Error::io("cannot reopen " + path + " to finish its charts");
  std::vector<std::string> rewritten;  // must outlive zip_close, which reads them
  rewritten.reserve(static_cast<size_t>(zip_get_num_entries(archive.get(), 0)));
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive.get(), 0); ++i) {
    const std::string name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
    if (!name.starts_with("xl/charts/chart") || !name.ends_with(".xml")) continue;
    zip_stat_t stat;
    zip_file_t* file = zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0);
    if (!file || zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) {
      if (file) zip_fclose(file);
      return Error::io("cannot read " + name + " of " + path);
    }
    std::string xml(stat.size, '\0');
    const zip_int64_t n = zip_fread(file, xml.data(), xml.size());
    zip_fclose(file);
    if (n != static_cast<zip_int64_t>(xml.size())) return Error::io("cannot read " + name);

    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_declaration)) {
      return Error::internal(name + " as written is not XML");
    }
    // "xl/charts/chart12.xml" → 12.
    const size_t number = std::strtoul(name.c_str() + 15, nullptr, 10);
    const double max =
        number >= 1 && number <= cumulative_max.size() ? cumulative_max[number - 1] : 1.0;
    if (!combine(doc, max)) continue;
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw);
    rewritten.push_back(out.str());
    zip_source_t* source =
        zip_source_buffer(archive.get(), rewritten.back().data(), rewritten.back().size(), 0);
    if (!source || zip_file_replace(archive.get(), static_cast<zip_uint64_t>(i), source, 0) != 0) {
      if (source) zip_source_free(source);
      return Error::io("cannot replace " + name + " in " + path);
    }
  }
  if (zip_close(archive.get()) != 0) {
    return Error::io("cannot save " + path + ": " + zip_strerror(archive.get()));
  }
  archive.release();
  return Status::success();
}

}  // namespace kam::io
