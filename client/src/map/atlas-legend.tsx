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

/**
 * The legend of every visible layer: each class named in words beside its
 * colour (colour is never alone), and the layer's source and licence.
 */
export function AtlasLegend({ layers, lang }: { layers: MapLayer[]; lang: Lang }) {
  const { t } = useTranslation();
  if (layers.length === 0) return null;
  return (
    <section className="atlas-legend" aria-label={t('atlas.legend')} data-testid="atlas-legend" tabIndex={0}>
      {layers.map((layer) => {
        const text = layerText(layer, lang);
        return (
          <div key={layer.id} className="legend-block" role="group" aria-label={t('atlas.legend_of', { title: text.title })} data-testid={`legend-${layer.id}`}>
            <p className="legend-title">{text.title}</p>
            <ul>
              {text.classes.map((c) => (
                <li key={`${c.label}-${c.color}`}>
                  <span className={layer.kind === 'points' ? 'swatch' : 'swatch square'} style={{ background: c.color }} aria-hidden="true" />
                  {c.label}
                </li>
              ))}
            </ul>
            <p className="legend-source">{t('atlas.source', { name: layer.source.name, licence: layer.source.licence })}</p>
          </div>
        );
      })}
    </section>
  );
}
