#pragma once

// libxlsxwriter 1.1 draws one chart type per chart and has no secondary axis, both of which
// a Pareto chart needs. The writer therefore saves a column chart with two series, and this
// rewrites the saved chart parts: the second series moves into a line chart on its own
// axes, the value axis on the right from 0 to 100%.

#include <string>
#include <vector>

#include "core/error.hpp"

namespace kam::io {

// Rewrites every chart part (xl/charts/chart*.xml) of the workbook file at `path`. The line's
// axis of chart N (chartN.xml, numbered from 1 in the order the charts were added) runs from
// 0 to cumulative_max[N - 1], or to 1 (100%) for a chart not listed.
Status combine_pareto_charts(const std::string& path, const std::vector<double>& cumulative_max);

}  // namespace kam::io
