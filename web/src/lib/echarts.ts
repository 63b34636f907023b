// Only the chart types and components the UI draws, so the bundle carries no more of ECharts.
// The SVG renderer keeps labels as text in the page: crisp at any zoom, and readable by tests.
import { BarChart, FunnelChart, LineChart, PieChart, RadarChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  FunnelChart,
  LineChart,
  PieChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { init, type EChartsType, type EChartsCoreOption } from 'echarts/core';
