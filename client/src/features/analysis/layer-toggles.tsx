import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapLayer } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';
import { layerText } from '../../map/atlas-legend.js';

export interface LayerTogglesProps {
  layers: MapLayer[];
  lang: Lang;
  visible: string[];
  table: string | null;
  onToggle: (id: string, on: boolean) => void;
  onTable: (id: string | null) => void;
}

/**
 * One checkbox per layer, named by the layer's title, with its description a
 * click away and a button to its table (the map's complete text alternative).
 */
export function LayerToggles({ layers, lang, visible, table, onToggle, onTable }: LayerTogglesProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="layer-toggles" data-testid="layer-toggles">
      <legend>{t('atlas.layers')}</legend>
      <ul>
        {layers.map((layer) => {
          const text = layerText(layer, lang);
          const on = visible.includes(layer.id);
          return (
            <li key={layer.id} className={on ? 'on' : undefined}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) => onToggle(layer.id, e.target.checked)}
                  aria-describedby={`${id}-${layer.id}`}
                />
                {text.title}
              </label>
              <span className="layer-actions">
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={table === layer.id}
                  data-table-for={layer.id}
                  onClick={() => onTable(table === layer.id ? null : layer.id)}
                >
                  {t('atlas.table')}
                  <span className="visually-hidden">{t('atlas.table_of', { title: text.title })}</span>
                </button>
              </span>
              <details>
                <summary>
                  {t('atlas.about')}
                  <span className="visually-hidden">{t('atlas.about_of', { title: text.title })}</span>
                </summary>
                <p id={`${id}-${layer.id}`} className="hint">
                  {text.description}
                </p>
                <p className="hint">{t('atlas.source', { name: layer.source.name, licence: layer.source.licence })}</p>
              </details>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
