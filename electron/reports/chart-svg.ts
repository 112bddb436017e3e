import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/**
 * An ECharts option drawn as an SVG string on the server (`ssr: true`): what HTML reports inline and PDF
 * reports embed. ECharts numbers its instances and style classes process-wide; they are renamed after the
 * chart (`chart-N-cls-M`), so a report has the same bytes however many were made before it.
 */
export type ChartSvg = typeof chartSvg;

export function chartSvg(option: Record<string, unknown>, id: string, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    const names = new Map<string, string>();
    return chart.renderToSVGString().replace(/zr\d+-([a-z]+)-(\d+)/g, (match, kind: string) => {
      let name = names.get(match);
      if (name === undefined) {
        name = `${id}-${kind}-${names.size}`;
        names.set(match, name);
      }
      return name;
    });
  } finally {
    chart.dispose();
  }
}
