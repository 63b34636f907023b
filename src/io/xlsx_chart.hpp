#pragma once

// libxlsxwriter 1.1 draws one chart type per chart and has no secondary axis, both of which
// a Pareto chart needs. The writer therefore saves a column chart with two series, and this
// rewrites the saved chart parts: the second series moves into a line chart on its own
// axes, the value axis on the right from 0 to 100%.

#include <string>

#include "core/error.hpp"

namespace kam::io {

// Rewrites every chart part (xl/charts/chart*.xml) of the workbook file at `path`.
Status combine_pareto_charts(const std::string& path);

}  // namespace kam::io
