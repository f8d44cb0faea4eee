import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapLayer } from '../api/types.js';
import type { Lang } from '../i18n/index.js';

/** A layer's text in the page's language. */
export function layerText(layer: MapLayer, lang: Lang) {
  return {
    title: lang === 'fr' ? layer.title_fr : layer.title_en,
    description: lang === 'fr' ? layer.description_fr : layer.description_en,
    attribution: lang === 'fr' ? layer.source.attribution_fr : layer.source.attribution_en,
    classes: layer.legend.map((c) => ({ label: lang === 'fr' ? c.label_fr : c.label_en, color: c.color })),
  };
}

/** Squares for service points, dots for other points, patches for areas: the shape tells them apart as well as the colour. */
function swatchClass(layer: MapLayer): string {
  if (layer.symbol === 'square') return 'swatch point-square';
  return layer.kind === 'points' ? 'swatch' : 'swatch square';
}

/**
 * The legend of every visible layer: each class named in words beside its
 * colour (colour is never alone). Sources are in the attribution line and
 * in each layer's description; the legend can fold away to show the map.
 */
export function AtlasLegend({ layers, lang }: { layers: MapLayer[]; lang: Lang }) {
  const { t } = useTranslation();
  // On a phone the legend starts folded so the map can be seen; one tap opens it.
  const [open, setOpen] = useState(
    () => typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 761px)').matches,
  );
  if (layers.length === 0) return null;
  return (
    <section
      className={open ? 'atlas-legend' : 'atlas-legend closed'}
      aria-label={t('atlas.legend')}
      data-testid="atlas-legend"
    >
      <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('atlas.legend')}
      </button>
      <div className="legend-body" hidden={!open} tabIndex={0} role="group" aria-label={t('atlas.legend')}>
        {layers.map((layer) => {
          const text = layerText(layer, lang);
          return (
            <div
              key={layer.id}
              className="legend-block"
              role="group"
              aria-label={t('atlas.legend_of', { title: text.title })}
              data-testid={`legend-${layer.id}`}
            >
              <p className="legend-title">{text.title}</p>
              <ul>
                {text.classes.map((c) => (
                  <li key={`${c.label}-${c.color}`}>
                    <span className={swatchClass(layer)} style={{ background: c.color }} aria-hidden="true" />
                    {c.label}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </section>
  );
}
