import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageBand } from '../../api/client.js';

export interface BandChartProps {
  bands: CoverageBand[];
  thresholdKm: number;
  locale: string;
}

/**
 * Population by distance band as a bar chart, drawn as plain SVG so it needs
 * no library; the table below it carries the same numbers for screen readers
 * and for anyone who prefers figures. Bars within the threshold are solid,
 * beyond it hatched: the difference is never colour alone.
 */
export function BandChart({ bands, thresholdKm, locale }: BandChartProps) {
  const { t } = useTranslation();
  const id = useId();
  const nf = new Intl.NumberFormat(locale);
  const max = Math.max(1, ...bands.map((b) => b.population));
  const total = bands.reduce((s, b) => s + b.population, 0) || 1;
  const rowH = 28;
  // Room for the longest French label on the left and "21 288 679 (58 %)" on the right of the longest bar.
  const labelW = 150;
  const width = 560;
  const barW = width - labelW - 150;
  const label = (b: CoverageBand, i: number) => {
    const prev = i > 0 ? bands[i - 1]?.max_km : null;
    if (b.max_km === null) return t('analysis.band_beyond', { km: prev ?? 0 });
    return prev === null || prev === undefined
      ? t('analysis.band_upto', { km: b.max_km })
      : t('analysis.band_range', { from: prev, to: b.max_km });
  };
  return (
    <figure className="band-chart">
      <figcaption id={`${id}-cap`}>{t('analysis.bands_caption')}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-cap`}
        aria-describedby={`${id}-table`}
        viewBox={`0 0 ${width} ${bands.length * rowH + 8}`}
        width="100%"
      >
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#f3d9c4" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#8a3b00" strokeWidth="3" />
          </pattern>
        </defs>
        {bands.map((b, i) => {
          const within = b.max_km !== null && b.max_km <= thresholdKm;
          const w = Math.max(1, (b.population / max) * barW);
          const y = i * rowH + 4;
          return (
            <g key={i}>
              <text x={labelW - 6} y={y + 17} textAnchor="end" fontSize="13" fill="#1b1f23">
                {label(b, i)}
              </text>
              <rect
                x={labelW}
                y={y}
                width={w}
                height={rowH - 8}
                fill={within ? '#1f5fa8' : `url(#${id}-hatch)`}
                stroke={within ? 'none' : '#8a3b00'}
              />
              <text x={labelW + w + 6} y={y + 17} fontSize="13" fill="#1b1f23">
                {nf.format(Math.round(b.population))} ({Math.round((b.population / total) * 100)} %)
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t('analysis.bands_table')}</summary>
        <table id={`${id}-table`} className="data">
          <thead>
            <tr>
              <th scope="col">{t('analysis.band')}</th>
              <th scope="col">{t('analysis.population')}</th>
              <th scope="col">{t('analysis.within_threshold')}</th>
            </tr>
          </thead>
          <tbody>
            {bands.map((b, i) => (
              <tr key={i}>
                <th scope="row">{label(b, i)}</th>
                <td>{nf.format(Math.round(b.population))}</td>
                <td>{b.max_km !== null && b.max_km <= thresholdKm ? t('analysis.yes') : t('analysis.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
