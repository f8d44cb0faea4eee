import { useTranslation } from 'react-i18next';
import { LEVEL_COLOURS } from '../map/levels.js';
import type { Level } from '../api/client.js';

/** The order of government as a coloured badge that always carries its name too. */
export function LevelBadge({ level }: { level: string }) {
  const { t } = useTranslation();
  const colour = LEVEL_COLOURS[level as Level] ?? '#3d4852';
  return (
    <span className="badge" style={{ background: colour }}>
      {t(`level.${level}`, { defaultValue: level })}
    </span>
  );
}
