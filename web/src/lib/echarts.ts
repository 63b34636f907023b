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

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe to place in HTML: ECharts renders a tooltip formatter's string as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * A tooltip formatter from one that writes plain text. Names in charts come from settings and
 * records (an administrator's stage names, account names), so they are escaped, never markup.
 */
export function textTooltip<P>(format: (params: P) => string): (params: P) => string {
  return (params) => escapeHtml(format(params));
}
