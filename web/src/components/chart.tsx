import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * An ECharts chart, loaded on first use (the overview does not wait for it). `label` describes the
 * chart for screen readers; pages show the numbers in a table beside it as well.
 */
export function Chart({
  option,
  label,
  testId,
  height = 280,
}: {
  option: EChartsCoreOption;
  label: string;
  testId: string;
  height?: number;
}) {
  const element = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: EChartsCoreOption): void; resize(): void; dispose(): void } | null = null;
    const resize = () => chart?.resize();
    void import('./echarts-setup.js').then(({ echarts }) => {
      if (disposed || !element.current) return;
      chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
      chart.setOption(option);
      window.addEventListener('resize', resize);
      setReady(true);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option]);
  return (
    <div
      ref={element}
      className="chart"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-ready={ready ? 'true' : 'false'}
      style={{ height }}
    />
  );
}
